package dev.rpcpool.pool;

import dev.rpcpool.RpcPoolException;

/**
 * No connection was free and the queue of waiters was already at {@link PoolConfig#maxWaiters()},
 * so the acquire failed at once instead of waiting.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class PoolExhaustedException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    public PoolExhaustedException(String pool, int maxWaiters, PoolStats stats) {
        super("Pool '" + pool + "' has no free connection and " + maxWaiters + " callers already waiting (maxWaiters="
                + maxWaiters + "; " + stats.describe() + ")");
    }
}
