package dev.rpcpool;

/**
 * The base of every failure rpcpool reports: pool timeouts and closure, connect failures, server
 * errors, transport failures and call timeouts. Catch it to handle any rpcpool failure; catch the
 * subclasses to tell them apart. Caller mistakes are reported with {@link IllegalArgumentException}
 * and {@link IllegalStateException} instead.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class RpcPoolException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public RpcPoolException(String message) {
        super(message);
    }

    public RpcPoolException(String message, Throwable cause) {
        super(message, cause);
    }
}
