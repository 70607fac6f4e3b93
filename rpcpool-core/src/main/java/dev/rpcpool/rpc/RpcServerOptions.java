package dev.rpcpool.rpc;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.transport.TlsOptions;
import java.util.concurrent.Executor;

/**
 * Immutable settings of an {@link RpcServer}. Build with {@link #builder(Codec)}; every setter
 * checks its argument at once and names the field in the {@link IllegalArgumentException}.
 *
 * <p>Thread-safety: immutable.
 */
public final class RpcServerOptions {
    public static final int DEFAULT_MAX_MESSAGE_BYTES = RpcClientOptions.DEFAULT_MAX_MESSAGE_BYTES;
    public static final int DEFAULT_MAX_CONNECTIONS = 10_000;
    public static final int DEFAULT_MAX_CONCURRENT_REQUESTS_PER_CONNECTION = 256;
    public static final int DEFAULT_WORKER_THREADS = 32;

    private final Codec codec;
    private final int maxMessageBytes;
    private final int maxConnections;
    private final int maxConcurrentRequestsPerConnection;
    private final int workerThreads;
    private final Executor executor;
    private final String httpPath;
    private final TlsOptions tls;

    private RpcServerOptions(Builder b) {
        this.tls = b.tls;
        this.codec = b.codec;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxConnections = b.maxConnections;
        this.maxConcurrentRequestsPerConnection = b.maxConcurrentRequestsPerConnection;
        this.workerThreads = b.workerThreads;
        this.executor = b.executor;
        this.httpPath = b.httpPath;
    }

    /** A builder with the defaults and the given wire codec. */
    public static Builder builder(Codec codec) {
        return new Builder(codec);
    }

    public Codec codec() {
        return codec;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    public int maxConnections() {
        return maxConnections;
    }

    public int maxConcurrentRequestsPerConnection() {
        return maxConcurrentRequestsPerConnection;
    }

    public int workerThreads() {
        return workerThreads;
    }

    /** The caller's executor for service methods, or {@code null} to use a server-owned pool. */
    public Executor executor() {
        return executor;
    }

    /** The HTTP CONNECT path, or {@code null} for plain TCP. */
    public String httpPath() {
        return httpPath;
    }

    /** TLS settings, or {@code null} for plaintext (the default). */
    public TlsOptions tls() {
        return tls;
    }

    /** Builds {@link RpcServerOptions}. Not thread-safe. */
    public static final class Builder {
        private final Codec codec;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxConcurrentRequestsPerConnection = DEFAULT_MAX_CONCURRENT_REQUESTS_PER_CONNECTION;
        private int workerThreads = DEFAULT_WORKER_THREADS;
        private Executor executor;
        private String httpPath;
        private TlsOptions tls;

        private Builder(Codec codec) {
            this.codec = Checks.notNull("codec", codec);
        }

        /** The largest request accepted; a larger one closes its connection. At least 64. */
        public Builder maxMessageBytes(int value) {
            this.maxMessageBytes = Checks.atLeast("maxMessageBytes", value, Checks.MIN_MESSAGE_BYTES);
            return this;
        }

        /** Connections beyond this are closed at once. At least 1. */
        public Builder maxConnections(int value) {
            this.maxConnections = Checks.atLeast("maxConnections", value, 1);
            return this;
        }

        /**
         * Requests of one connection executing at once; at the limit the server stops reading that
         * connection until one finishes (TCP backpressure). At least 1.
         */
        public Builder maxConcurrentRequestsPerConnection(int value) {
            this.maxConcurrentRequestsPerConnection = Checks.atLeast("maxConcurrentRequestsPerConnection", value, 1);
            return this;
        }

        /** Threads of the server-owned executor that runs service methods (ignored with {@link #executor}). */
        public Builder workerThreads(int value) {
            this.workerThreads = Checks.atLeast("workerThreads", value, 1);
            return this;
        }

        /**
         * Runs service methods on the caller's executor instead of a server-owned pool; the server
         * never shuts it down. It should not reject tasks (rejected calls are answered with an error).
         */
        public Builder executor(Executor value) {
            this.executor = Checks.notNull("executor", value);
            return this;
        }

        /** Serve Go's HTTP CONNECT mode on {@code path} (Go's {@code rpc.HandleHTTP}); {@code null}: plain TCP. */
        public Builder httpPath(String path) {
            this.httpPath = Checks.httpPath(path);
            return this;
        }

        /** Shorthand for {@code httpPath(RpcClientOptions.DEFAULT_HTTP_PATH)}. */
        public Builder http() {
            return httpPath(RpcClientOptions.DEFAULT_HTTP_PATH);
        }

        /**
         * Serve TLS only ({@code null}, the default, means plaintext): {@code tls} needs the
         * server's certificate and key, and {@code requireClientCertificates()} for mutual TLS.
         * Plaintext clients are answered with a TLS alert and disconnected at once.
         *
         * @throws IllegalArgumentException if {@code tls} cannot serve a server (names the setting)
         */
        public Builder tls(TlsOptions tls) {
            if (tls != null) {
                tls.serverContext(); // fail now, naming the setting, rather than on the first accept
            }
            this.tls = tls;
            return this;
        }

        public RpcServerOptions build() {
            return new RpcServerOptions(this);
        }
    }
}
