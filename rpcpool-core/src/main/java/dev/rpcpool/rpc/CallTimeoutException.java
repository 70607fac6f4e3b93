package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;
import java.time.Duration;

/**
 * A call got no reply within its timeout. It was removed from the connection's pending table, so
 * its late reply is read and discarded and can never complete another call; the connection stays
 * usable. The message names the method, the address and the timeout.
 *
 * <p>Unchecked. Thread-safety: immutable.
 */
public final class CallTimeoutException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    private final String serviceMethod;
    private final Duration timeout;
    private final boolean requestNeverWritten;

    public CallTimeoutException(String serviceMethod, String address, Duration timeout, boolean requestNeverWritten) {
        super("call " + serviceMethod + " to " + address + " timed out after " + timeout.toMillis() + " ms"
                + (requestNeverWritten ? " (request not sent)" : ""));
        this.serviceMethod = serviceMethod;
        this.timeout = timeout;
        this.requestNeverWritten = requestNeverWritten;
    }

    public String serviceMethod() {
        return serviceMethod;
    }

    /**
     * The call's timeout as its caller gave it. Through {@code RpcClientPool} that one timeout also
     * covered waiting for a connection, so less of it may have been left for the reply.
     */
    public Duration timeout() {
        return timeout;
    }

    /** True if the call timed out before its request was written (the server never saw it). */
    public boolean requestNeverWritten() {
        return requestNeverWritten;
    }
}
