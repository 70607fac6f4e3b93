package dev.rpcpool.cli;

import dev.rpcpool.transport.TlsOptions;
import java.nio.file.Path;

/**
 * Turns the {@code --tls --ca --cert --key} flags into {@link TlsOptions}. Any of the file flags
 * implies {@code --tls}. Stateless.
 */
final class TlsFlags {
    private TlsFlags() {}

    /**
     * Client TLS, or {@code null} for plaintext: trust {@code ca} (else the JDK's CAs), present
     * {@code cert}/{@code key} for mutual TLS.
     *
     * @throws IllegalArgumentException naming the flag or file that is wrong
     */
    static TlsOptions client(boolean tls, Path ca, Path cert, Path key) {
        if (!tls && ca == null && cert == null && key == null) {
            return null;
        }
        TlsOptions.Builder b = TlsOptions.builder();
        if (ca != null) {
            b.trustCertificates(ca);
        }
        if (pair(cert, key)) {
            b.keyCertChain(cert, key);
        }
        return b.build();
    }

    /**
     * Server TLS, or {@code null} for plaintext: present {@code cert}/{@code key}; with {@code ca},
     * require client certificates issued by it (mutual TLS).
     *
     * @throws IllegalArgumentException naming the flag or file that is wrong
     */
    static TlsOptions server(boolean tls, Path ca, Path cert, Path key) {
        if (!tls && ca == null && cert == null && key == null) {
            return null;
        }
        if (!pair(cert, key)) {
            throw new IllegalArgumentException("serve --tls needs --cert FILE and --key FILE (the server's PEM "
                    + "certificate and its PKCS#8 PEM key)");
        }
        TlsOptions.Builder b = TlsOptions.builder().keyCertChain(cert, key);
        if (ca != null) {
            b.trustCertificates(ca).requireClientCertificates();
        }
        return b.build();
    }

    private static boolean pair(Path cert, Path key) {
        if ((cert == null) != (key == null)) {
            throw new IllegalArgumentException("--cert and --key go together: " + (cert == null
                    ? "--key needs the certificate it belongs to (--cert FILE)" : "--cert needs its private key (--key FILE)"));
        }
        return cert != null;
    }
}
