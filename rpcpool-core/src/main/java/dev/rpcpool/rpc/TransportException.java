package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;

/**
 * The connection failed or was shut down (I/O error, EOF, an undecodable frame, or {@code close()}):
 * every call pending on it failed with this, and later calls on the same client fail at once with
 * {@code connection to host:port is shut down: <cause>}. The client is unusable; open a new one.
 *
 * <p>{@link #requestNeverWritten()} tells whether this call's request certainly never reached the
 * network, so retrying it once on another connection cannot execute it twice.
 *
 * <p>Unchecked. Thread-safety: immutable.
 */
public class TransportException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    private final boolean requestNeverWritten;

    public TransportException(String message, Throwable cause, boolean requestNeverWritten) {
        super(message, cause);
        this.requestNeverWritten = requestNeverWritten;
    }

    /**
     * True if the request's bytes were never handed to the socket (the call was queued, or made
     * after the connection had failed): the server cannot have seen it, so it is safe to retry on a
     * fresh connection. False if it may have been sent, whatever happened after.
     */
    public boolean requestNeverWritten() {
        return requestNeverWritten;
    }
}
