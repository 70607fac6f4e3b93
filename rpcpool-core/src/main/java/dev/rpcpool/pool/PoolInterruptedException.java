package dev.rpcpool.pool;

import dev.rpcpool.RpcPoolException;

/**
 * The acquiring thread was interrupted while waiting for a lease or opening a connection. The
 * thread's interrupt flag is set again when this is thrown; the pool lost no capacity.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class PoolInterruptedException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    public PoolInterruptedException(String pool) {
        super("Interrupted while acquiring a connection from pool '" + pool + "'");
    }
}
