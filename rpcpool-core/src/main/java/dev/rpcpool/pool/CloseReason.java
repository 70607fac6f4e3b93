package dev.rpcpool.pool;

/** Why the pool closed a connection; reported to {@link PoolListener#connectionClosed}. Immutable. */
public enum CloseReason {
    /** A lease holder called {@link Lease#invalidate()}. */
    INVALIDATED,
    /** Idle with no leases for longer than {@link PoolConfig#idleTimeout()}. */
    IDLE_TIMEOUT,
    /** Older than its (jittered) {@link PoolConfig#maxLifetime()}. */
    MAX_LIFETIME,
    /** {@link Connector#validate} returned {@code false} or threw. */
    VALIDATION_FAILED,
    /**
     * {@link Connector#isOpen} returned {@code false}: for instance, the peer closed the socket, or
     * (in {@code RpcClientPool} with {@code serverIdleTimeout}) it had been quiet too long to reuse.
     */
    NOT_OPEN,
    /** The pool was closed. */
    POOL_CLOSED
}
