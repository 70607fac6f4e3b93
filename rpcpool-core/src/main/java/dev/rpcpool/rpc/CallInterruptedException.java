package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;

/**
 * The thread blocked in a call was interrupted before the reply came; its interrupt flag is set
 * again. The call itself is not cancelled: its reply, if one comes, is discarded, and its
 * connection stays usable.
 *
 * <p>Unchecked. Thread-safety: immutable.
 */
public final class CallInterruptedException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    public CallInterruptedException(String serviceMethod, String address) {
        super("interrupted while waiting for " + serviceMethod + " to " + address);
    }
}
