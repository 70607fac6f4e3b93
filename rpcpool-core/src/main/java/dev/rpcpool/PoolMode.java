package dev.rpcpool;

/**
 * How an {@link RpcClientPool} shares its connections between calls.
 *
 * <p>Thread-safety: an immutable enum.
 */
public enum PoolMode {
    /**
     * One call per connection at a time: the tutorial's get, call, put. Needed for servers or codecs
     * that cannot interleave calls on one connection. A call that times out discards its
     * connection, because its reply may still arrive on it.
     */
    EXCLUSIVE,

    /**
     * A connection carries up to {@code maxInFlightPerConnection} calls at once, as Go's own
     * {@code rpc.Client} does; each call goes to the least-loaded connection, and a new connection
     * is opened only when all are full. A timed-out call's late reply is discarded and the
     * connection kept. The default.
     */
    MULTIPLEXED
}
