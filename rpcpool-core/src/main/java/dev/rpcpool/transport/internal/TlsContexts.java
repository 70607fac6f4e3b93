package dev.rpcpool.transport.internal;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Builds Netty {@link SslContext}s on the JDK provider from checked TLS material, and checks that
 * the settings suit the role (client or server). Internal; stateless.
 */
public final class TlsContexts {
    private TlsContexts() {}

    /**
     * A client context: trusts {@code trusted} (or the JDK defaults), presents {@code chain}/{@code key} if given.
     *
     * @throws IllegalArgumentException if a setting does not suit a client
     */
    public static SslContext client(SslContext custom, List<X509Certificate> trusted, List<X509Certificate> chain,
            PrivateKey key, List<String> protocols, boolean requireClientCertificates) {
        if (requireClientCertificates) {
            throw new IllegalArgumentException("tls: requireClientCertificates is a server setting; a client presents "
                    + "its certificate with keyCertChain");
        }
        if (custom != null) {
            if (!custom.isClient()) {
                throw new IllegalArgumentException("tls: sslContext is a server context; a client needs one from "
                        + "SslContextBuilder.forClient()");
            }
            return custom;
        }
        try {
            SslContextBuilder b = SslContextBuilder.forClient()
                    .sslProvider(SslProvider.JDK)
                    .trustManager(ExplainingTrustManager.factory(trusted))
                    .protocols(protocols);
            if (key != null) {
                b.keyManager(key, chain.toArray(X509Certificate[]::new));
            }
            return b.build();
        } catch (Exception e) {
            throw new IllegalArgumentException("tls: cannot set up client TLS: " + e.getMessage(), e);
        }
    }

    /**
     * A server context presenting {@code chain}/{@code key}; with {@code requireClientCertificates}
     * it verifies client certificates against {@code trusted} (or the JDK defaults).
     *
     * @throws IllegalArgumentException if a setting does not suit a server, naming it
     */
    public static SslContext server(SslContext custom, List<X509Certificate> trusted, List<X509Certificate> chain,
            PrivateKey key, List<String> protocols, boolean requireClientCertificates, boolean hostnameVerification) {
        if (!hostnameVerification) {
            throw new IllegalArgumentException("tls: unsafeDisableHostnameVerification is a client setting; "
                    + "servers do not verify host names");
        }
        if (custom != null) {
            if (!custom.isServer()) {
                throw new IllegalArgumentException("tls: sslContext is a client context; a server needs one from "
                        + "SslContextBuilder.forServer(...)");
            }
            return custom;
        }
        if (key == null) {
            throw new IllegalArgumentException("tls: a server needs its certificate and key: "
                    + "TlsOptions.builder().keyCertChain(certPemFile, keyPemFile) (CLI: --cert and --key)");
        }
        if (!trusted.isEmpty() && !requireClientCertificates) {
            throw new IllegalArgumentException("tls: trustCertificates on a server only verify client certificates: "
                    + "add requireClientCertificates() for mutual TLS, or drop trustCertificates");
        }
        try {
            SslContextBuilder b = SslContextBuilder.forServer(key, chain.toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols(protocols);
            if (requireClientCertificates) {
                b.clientAuth(ClientAuth.REQUIRE).trustManager(ExplainingTrustManager.factory(trusted));
            }
            return b.build();
        } catch (Exception e) {
            throw new IllegalArgumentException("tls: cannot set up server TLS: " + e.getMessage(), e);
        }
    }

    /**
     * Checks that this JDK supports every protocol named.
     *
     * @throws IllegalArgumentException naming the first unsupported one and listing the supported
     */
    public static void checkProtocols(List<String> protocols) {
        Set<String> supported;
        try {
            supported = Set.of(SSLContext.getDefault().getSupportedSSLParameters().getProtocols());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no default SSLContext", e);
        }
        for (String p : protocols) {
            if (p == null || !supported.contains(p)) {
                throw new IllegalArgumentException("protocols: '" + p + "' is not a TLS version this JDK supports "
                        + "(supported: " + String.join(", ", supported.stream().sorted().toList()) + ")");
            }
        }
    }
}
