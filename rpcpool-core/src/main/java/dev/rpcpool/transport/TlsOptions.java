package dev.rpcpool.transport;

import dev.rpcpool.transport.internal.PemFiles;
import dev.rpcpool.transport.internal.TlsContexts;
import io.netty.handler.ssl.SslContext;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * TLS settings of a client or a server: whom to trust, which certificate to present, and how
 * strictly to check the peer. Build with {@link #builder()}; attach with
 * {@code RpcClientOptions.Builder.tls}, {@code RpcServerOptions.Builder.tls} or
 * {@code RpcClientPool.Builder.tls}.
 *
 * <p>Defaults are the safe ones: the server's certificate must chain to a trusted CA (the JDK's
 * default trust store unless {@link Builder#trustCertificates} names CA files) <em>and</em> name the
 * host the client dialled (hostname verification, as HTTPS does; the host is also sent as SNI);
 * TLS 1.3 and 1.2 only. Mutual TLS: the server calls {@link Builder#requireClientCertificates()}
 * and trusts the clients' CA; the client presents {@link Builder#keyCertChain}.
 *
 * <p>Files are read, parsed and checked by {@link Builder#build()}; every problem is an
 * {@link IllegalArgumentException} naming the setting or the file ("cannot read CA file
 * /x/ca.pem: no such file"). TLS runs on the JDK's {@code SSLEngine} (Netty's
 * {@code SslProvider.JDK}), so no native library is needed.
 *
 * <p>Thread-safety: immutable and thread-safe; one instance may serve any number of connections.
 */
public final class TlsOptions {
    /** TLS versions used unless {@link Builder#protocols} says otherwise. */
    public static final List<String> DEFAULT_PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");
    /** Default bound on a server-side handshake, so a silent client cannot hold a connection open. */
    public static final Duration DEFAULT_HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final List<Path> trustFiles;
    private final List<X509Certificate> trusted;
    private final Path certFile;
    private final Path keyFile;
    private final List<X509Certificate> chain;
    private final PrivateKey key;
    private final SslContext sslContext;
    private final boolean hostnameVerification;
    private final boolean requireClientCertificates;
    private final List<String> protocols;
    private final Duration handshakeTimeout;
    private volatile SslContext clientContext;
    private volatile SslContext serverContext;

    private TlsOptions(Builder b, List<X509Certificate> trusted, List<X509Certificate> chain, PrivateKey key) {
        this.trustFiles = List.copyOf(b.trustFiles);
        this.trusted = trusted;
        this.certFile = b.certFile;
        this.keyFile = b.keyFile;
        this.chain = chain;
        this.key = key;
        this.sslContext = b.sslContext;
        this.hostnameVerification = b.hostnameVerification;
        this.requireClientCertificates = b.requireClientCertificates;
        this.protocols = b.protocols;
        this.handshakeTimeout = b.handshakeTimeout;
    }

    /** A builder with the safe defaults described on the class. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Client TLS trusting the JDK's default CAs, with hostname verification: what a client of a
     * server with a publicly issued certificate needs.
     */
    public static TlsOptions defaults() {
        return builder().build();
    }

    /** True unless {@link Builder#unsafeDisableHostnameVerification()} was called. */
    public boolean hostnameVerification() {
        return hostnameVerification;
    }

    /** True if a server asks for and verifies client certificates (mutual TLS). */
    public boolean requireClientCertificates() {
        return requireClientCertificates;
    }

    /** The TLS versions enabled. */
    public List<String> protocols() {
        return protocols;
    }

    /**
     * True if these options present a certificate of their own: {@link Builder#keyCertChain} was
     * given, or {@link Builder#sslContext} (which may hold one).
     */
    public boolean presentsCertificate() {
        return key != null || sslContext != null;
    }

    /** How long a server waits for a client's handshake. */
    public Duration handshakeTimeout() {
        return handshakeTimeout;
    }

    /** The CA files trusted; empty means the JDK's default trust store (or the given {@code SslContext}). */
    public List<Path> trustFiles() {
        return trustFiles;
    }

    /**
     * The Netty context for client connections, built once from these options.
     *
     * @throws IllegalArgumentException if these options cannot serve a client (names the setting)
     */
    public SslContext clientContext() {
        SslContext c = clientContext;
        if (c == null) {
            // racing builders make equal contexts; either one is fine
            c = TlsContexts.client(sslContext, trusted, chain, key, protocols, requireClientCertificates);
            clientContext = c;
        }
        return c;
    }

    /**
     * The Netty context for server connections, built once from these options.
     *
     * @throws IllegalArgumentException if these options cannot serve a server, for example without
     *     a certificate and key (names the setting)
     */
    public SslContext serverContext() {
        SslContext c = serverContext;
        if (c == null) {
            c = TlsContexts.server(sslContext, trusted, chain, key, protocols, requireClientCertificates,
                    hostnameVerification);
            serverContext = c;
        }
        return c;
    }

    @Override
    public String toString() {
        return "TlsOptions[" + (sslContext != null ? "sslContext=" + sslContext.getClass().getSimpleName()
                : "trust=" + (trustFiles.isEmpty() ? "JDK default" : trustFiles) + ", cert=" + certFile + ", key=" + keyFile)
                + ", hostnameVerification=" + hostnameVerification + ", requireClientCertificates="
                + requireClientCertificates + ", protocols=" + protocols + "]";
    }

    /** Builds {@link TlsOptions}. Not thread-safe. */
    public static final class Builder {
        private final List<Path> trustFiles = new ArrayList<>();
        private Path certFile;
        private Path keyFile;
        private SslContext sslContext;
        private boolean hostnameVerification = true;
        private boolean requireClientCertificates;
        private List<String> protocols = DEFAULT_PROTOCOLS;
        private Duration handshakeTimeout = DEFAULT_HANDSHAKE_TIMEOUT;

        private Builder() {}

        /**
         * Trusts the CA certificates in these PEM files (each may hold several) instead of the
         * JDK's default trust store. A client verifies the server's certificate against them; a
         * server with {@link #requireClientCertificates()} verifies client certificates.
         */
        public Builder trustCertificates(Path... caPemFiles) {
            Objects.requireNonNull(caPemFiles, "caPemFiles");
            for (Path p : caPemFiles) {
                trustFiles.add(Objects.requireNonNull(p, "trustCertificates: a CA file is null"));
            }
            return this;
        }

        /**
         * The certificate (chain, leaf first, PEM) and its unencrypted PKCS#8 private key (PEM,
         * {@code -----BEGIN PRIVATE KEY-----}) to present: a server's identity, or a client's for
         * mutual TLS.
         */
        public Builder keyCertChain(Path certChainPemFile, Path pkcs8KeyPemFile) {
            this.certFile = Objects.requireNonNull(certChainPemFile, "keyCertChain: certificate file");
            this.keyFile = Objects.requireNonNull(pkcs8KeyPemFile, "keyCertChain: key file");
            return this;
        }

        /**
         * Uses a ready Netty context (built with {@code SslContextBuilder.forClient()} or
         * {@code forServer(...)}) instead of files: trust, keys, protocols and ciphers are then
         * the context's. Clients still get hostname verification unless disabled here.
         */
        public Builder sslContext(SslContext context) {
            this.sslContext = Objects.requireNonNull(context, "sslContext");
            return this;
        }

        /** Server only: require a certificate from every client and verify it (mutual TLS). */
        public Builder requireClientCertificates() {
            this.requireClientCertificates = true;
            return this;
        }

        /**
         * Client only, and unsafe: accept a trusted certificate even if it does not name the host
         * dialled. Anyone holding any certificate from a trusted CA can then impersonate the
         * server. Prefer connecting with a name the certificate lists.
         */
        public Builder unsafeDisableHostnameVerification() {
            this.hostnameVerification = false;
            return this;
        }

        /** TLS versions to enable, for example {@code "TLSv1.3"}. Default TLSv1.3 and TLSv1.2. */
        public Builder protocols(String... protocols) {
            Objects.requireNonNull(protocols, "protocols");
            if (protocols.length == 0) {
                throw new IllegalArgumentException("protocols must name at least one TLS version, like TLSv1.3");
            }
            this.protocols = List.copyOf(Arrays.asList(protocols));
            return this;
        }

        /** Server only: how long a client may take to complete its handshake. Default 10 s; positive. */
        public Builder handshakeTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "handshakeTimeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("handshakeTimeout must be positive, was " + timeout);
            }
            this.handshakeTimeout = timeout;
            return this;
        }

        /**
         * Reads and checks the files.
         *
         * @throws IllegalArgumentException naming the file or setting that is wrong: a missing or
         *     unreadable file, a file without a certificate, a key that is not PKCS#8 or does not
         *     belong to the certificate, an unknown protocol, or {@code sslContext} combined with files
         */
        public TlsOptions build() {
            if (sslContext != null && (!trustFiles.isEmpty() || certFile != null || protocols != DEFAULT_PROTOCOLS)) {
                throw new IllegalArgumentException("sslContext is a complete TLS setup: do not combine it with "
                        + "trustCertificates, keyCertChain or protocols (configure those on the SslContextBuilder)");
            }
            TlsContexts.checkProtocols(protocols);
            List<X509Certificate> trusted = new ArrayList<>();
            for (Path f : trustFiles) {
                trusted.addAll(PemFiles.certificates("CA file", f));
            }
            List<X509Certificate> chain = List.of();
            PrivateKey key = null;
            if (certFile != null) {
                chain = PemFiles.certificates("certificate file", certFile);
                key = PemFiles.privateKey(keyFile);
                PemFiles.checkPair(chain.get(0), key, certFile, keyFile);
            }
            return new TlsOptions(this, List.copyOf(trusted), chain, key);
        }
    }
}
