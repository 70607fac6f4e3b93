package dev.rpcpool.rpc;

/**
 * A connection could not be established: TCP connect failed or timed out, or the HTTP CONNECT
 * handshake was refused. The message names the address and the cause. No request was sent
 * ({@link #requestNeverWritten()} is true).
 *
 * <p>Unchecked. Thread-safety: immutable.
 */
public final class ConnectFailedException extends TransportException {
    private static final long serialVersionUID = 1L;

    private final String address;

    public ConnectFailedException(String address, Throwable cause) {
        super("cannot connect to " + address + ": " + describe(cause), cause, true);
        this.address = address;
    }

    /** {@code host:port} that could not be reached. */
    public String address() {
        return address;
    }

    static String describe(Throwable cause) {
        String m = cause.getMessage();
        return m == null || m.isEmpty() ? cause.getClass().getSimpleName() : m;
    }
}
