package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;

/**
 * The remote method returned an error, or the server could not dispatch the call (Go's
 * {@code rpc.ServerError}, for example {@code rpc: can't find method Arith.Nope}). The message is
 * exactly the server's error text. The connection is healthy and stays usable.
 *
 * <p>Unchecked. Thread-safety: immutable.
 */
public final class ServerErrorException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    private final String serviceMethod;

    public ServerErrorException(String serviceMethod, String remoteError) {
        super(remoteError);
        this.serviceMethod = serviceMethod;
    }

    /** The {@code "Service.Method"} that was called. */
    public String serviceMethod() {
        return serviceMethod;
    }

    /** The error text the server sent, unchanged (same as {@link #getMessage()}). */
    public String remoteError() {
        return getMessage();
    }
}
