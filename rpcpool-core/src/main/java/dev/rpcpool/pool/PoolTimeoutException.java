package dev.rpcpool.pool;

import dev.rpcpool.RpcPoolException;
import java.time.Duration;

/**
 * No lease could be had before the acquire's deadline. The message names the pool, how long the
 * caller waited and the pool's state; {@link #stats()} has the same state as data.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class PoolTimeoutException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    private final transient PoolStats stats;
    private final Duration waited;

    public PoolTimeoutException(String pool, Duration waited, PoolStats stats) {
        super("Timed out after " + waited.toMillis() + " ms waiting for a connection from pool '" + pool + "' ("
                + stats.describe() + "); raise maxConnections or the timeout, or release leases sooner");
        this.stats = stats;
        this.waited = waited;
    }

    /** How long the caller waited. */
    public Duration waited() {
        return waited;
    }

    /** The pool's state when the caller gave up. */
    public PoolStats stats() {
        return stats;
    }
}
