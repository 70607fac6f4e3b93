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
    /** {@link Connector#isOpen} returned {@code false}: for instance, the peer closed the socket. */
    NOT_OPEN,
    /**
     * Quiet (no byte either way, no call in flight) for longer than the server's idle timeout
     * allows: closed before the server could close it under a request ({@code RpcClientPool} with
     * {@code serverIdleTimeout}). Reported by the connector through {@link Connector#closeReason}.
     */
    SERVER_IDLE_TIMEOUT,
    /** The pool was closed. */
    POOL_CLOSED
}
