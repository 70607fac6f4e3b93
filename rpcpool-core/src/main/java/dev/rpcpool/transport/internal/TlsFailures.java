package dev.rpcpool.transport.internal;

import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/**
 * Turns what the JDK and Netty throw when TLS fails into an exception whose message says what
 * happened and what to do ("the server requires a client certificate ..."), keeping the original as
 * its cause. Internal; stateless.
 */
public final class TlsFailures {
    private static final String ALERT = "Received fatal alert: ";

    private TlsFailures() {}

    /**
     * A failed client handshake, explained; an {@link SSLHandshakeException} so callers can test the kind.
     *
     * @param presentsCertificate false if the client was configured without a certificate of its
     *     own: a rejection then means the server wants one (the JDK's alert does not say)
     */
    public static SSLHandshakeException clientHandshake(Throwable cause, boolean presentsCertificate) {
        SSLHandshakeException e = new SSLHandshakeException("TLS handshake failed: "
                + explainForClient(cause, presentsCertificate));
        e.initCause(cause);
        return e;
    }

    /** A TLS failure after the handshake (a late alert, a bad record), explained. */
    public static SSLException clientConnection(Throwable cause, boolean presentsCertificate) {
        return new SSLException("TLS failed: " + explainForClient(cause, presentsCertificate), cause);
    }

    /** True if {@code e} is one of ours already (so it is not explained twice). */
    static boolean isExplained(Throwable e) {
        return e instanceof SSLException && e.getMessage() != null && e.getMessage().startsWith("TLS ");
    }

    /** One line for a server log: why a client's handshake failed. */
    public static String explainForServer(Throwable cause) {
        if (find(cause, SslHandshakeTimeoutException.class) != null) {
            return "the client did not finish its handshake in time";
        }
        CertificateException cert = find(cause, CertificateException.class);
        if (cert != null) {
            return cert.getMessage();
        }
        if (message(cause).contains("Empty client certificate chain")) {
            return "the client sent no certificate, and this server requires one (mutual TLS)";
        }
        String alert = alert(cause);
        if (alert != null) {
            return "the client ended the handshake with alert " + alert
                    + (alert.equals("bad_certificate") || alert.equals("certificate_unknown") || alert.equals("unknown_ca")
                    ? " (it does not trust this server's certificate)" : "");
        }
        if (find(cause, ClosedChannelException.class) != null) {
            return "the client closed the connection during the handshake (does it trust this server's certificate?)";
        }
        return message(cause);
    }

    static String explainForClient(Throwable cause, boolean presentsCertificate) {
        if (find(cause, SslHandshakeTimeoutException.class) != null) {
            return "the handshake did not finish in time; is the server speaking TLS?";
        }
        if (find(cause, NotSslRecordException.class) != null) {
            return "the server answered with data that is not TLS: it probably does not use TLS; connect without TLS "
                    + "(drop --tls)";
        }
        CertificateException cert = find(cause, CertificateException.class);
        if (cert != null) {
            return cert.getMessage();
        }
        String alert = alert(cause);
        if (alert != null) {
            boolean certificateAlert = switch (alert) {
                case "certificate_required", "bad_certificate", "certificate_unknown", "handshake_failure" -> true;
                default -> false;
            };
            if (!presentsCertificate && certificateAlert) {
                alert = "certificate_required"; // what TLS 1.3 servers other than the JDK's send in this case
            }
            return switch (alert) {
                case "certificate_required" -> "the server requires a client certificate (mutual TLS): present one "
                        + "with TlsOptions.Builder.keyCertChain (CLI: --cert FILE --key FILE)";
                case "bad_certificate", "unknown_ca", "certificate_unknown", "access_denied" ->
                        "the server rejected this client's certificate (alert " + alert + "): present a certificate "
                        + "issued by a CA the server trusts";
                case "certificate_expired" -> "the server rejected this client's certificate as expired";
                case "protocol_version", "handshake_failure", "insufficient_security" ->
                        "the server shares no TLS version or cipher suite with this client (alert " + alert + ")";
                default -> "the server ended the connection with TLS alert " + alert;
            };
        }
        if (find(cause, ClosedChannelException.class) != null) {
            return "the server closed the connection during the handshake: it may not speak TLS (a plaintext "
                    + "net/rpc server drops a TLS hello), or it refused this client";
        }
        return message(cause);
    }

    /** The TLS alert name in a JDK "Received fatal alert: x" message anywhere in the chain, or null. */
    private static String alert(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            if (c instanceof SSLException && m != null && m.startsWith(ALERT)) {
                return m.substring(ALERT.length()).trim();
            }
        }
        return null;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (type.isInstance(c)) {
                return type.cast(c);
            }
        }
        return null;
    }

    /** The innermost meaningful message, skipping Netty's wrappers whose message is just {@code cause.toString()}. */
    private static String message(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && (c.getMessage() == null || c.getMessage().equals(c.getCause().toString()))) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }
}
