package dev.rpcpool.pool;

import dev.rpcpool.RpcPoolException;

/**
 * The pool was closed before or while the caller asked it for a lease.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class PoolClosedException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    public PoolClosedException(String pool) {
        super("Pool '" + pool + "' is closed");
    }
}
