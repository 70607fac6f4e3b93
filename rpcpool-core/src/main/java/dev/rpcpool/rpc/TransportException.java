package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;
import java.time.Duration;
import java.util.Optional;

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
    private final Duration closedByServerAfterIdle;

    public TransportException(String message, Throwable cause, boolean requestNeverWritten) {
        this(message, cause, requestNeverWritten, null);
    }

    /**
     * @param closedByServerAfterIdle see {@link #closedByServerAfterIdle()}; {@code null} when the
     *     failure does not have that shape
     */
    public TransportException(String message, Throwable cause, boolean requestNeverWritten,
            Duration closedByServerAfterIdle) {
        super(message, cause);
        this.requestNeverWritten = requestNeverWritten;
        this.closedByServerAfterIdle = closedByServerAfterIdle;
    }

    /**
     * True if the request's bytes were never handed to the socket (the call was queued, or made
     * after the connection had failed): the server cannot have seen it, so it is safe to retry on a
     * fresh connection. False if it may have been sent, whatever happened after.
     */
    public boolean requestNeverWritten() {
        return requestNeverWritten;
    }

    /**
     * Present when the server closed the connection (end of stream or reset) after this call's
     * request was written and before a single byte came back on the connection since, and that
     * request went out when the connection had been quiet (nothing read or written) for the returned
     * time. That is the mark of a server or load balancer closing a connection it considered idle
     * just as the request was sent; the server then never read the request. It is also, rarely, what
     * a server that read the request and died before answering looks like, so only a caller who
     * knows the method may run twice should act on it. Empty otherwise.
     */
    public Optional<Duration> closedByServerAfterIdle() {
        return Optional.ofNullable(closedByServerAfterIdle);
    }
}
