package dev.rpcpool.rpc;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.rpc.internal.DirectExecutor;
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
    /** Default for {@link Builder#maxBufferedRequestBytes}: 256 MiB over all connections. */
    public static final long DEFAULT_MAX_BUFFERED_REQUEST_BYTES = 256L * 1024 * 1024;
    /** Default for {@link Builder#incompleteRequestTimeout}. */
    public static final java.time.Duration DEFAULT_INCOMPLETE_REQUEST_TIMEOUT = java.time.Duration.ofSeconds(30);

    private final Codec codec;
    private final int maxMessageBytes;
    private final int maxConnections;
    private final int maxConcurrentRequestsPerConnection;
    private final int workerThreads;
    private final long maxBufferedRequestBytes;
    private final java.time.Duration incompleteRequestTimeout;
    private final Executor executor;
    private final String httpPath;
    private final TlsOptions tls;
    private final RequestListener requestListener;

    private RpcServerOptions(Builder b) {
        this.tls = b.tls;
        this.requestListener = b.requestListener;
        this.codec = b.codec;
        this.maxMessageBytes = b.maxMessageBytes;
        this.maxConnections = b.maxConnections;
        this.maxConcurrentRequestsPerConnection = b.maxConcurrentRequestsPerConnection;
        this.workerThreads = b.workerThreads;
        this.maxBufferedRequestBytes = b.maxBufferedRequestBytes;
        this.incompleteRequestTimeout = b.incompleteRequestTimeout;
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

    /** The listener that hears how each request ended; {@code null} when none was set. */
    public RequestListener requestListener() {
        return requestListener;
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

    /** Bytes of requests not yet complete that the server holds over all its connections. */
    public long maxBufferedRequestBytes() {
        return maxBufferedRequestBytes;
    }

    /** How long a request may take to arrive once its first byte has; zero: no limit. */
    public java.time.Duration incompleteRequestTimeout() {
        return incompleteRequestTimeout;
    }

    /** The caller's executor for service methods, or {@code null} to use a server-owned pool. */
    public Executor executor() {
        return executor;
    }

    /** Whether service methods run on the I/O thread that read the request ({@link Builder#directExecutor()}). */
    public boolean directExecutor() {
        return executor == DirectExecutor.INSTANCE;
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
        private long maxBufferedRequestBytes = DEFAULT_MAX_BUFFERED_REQUEST_BYTES;
        private java.time.Duration incompleteRequestTimeout = DEFAULT_INCOMPLETE_REQUEST_TIMEOUT;
        private Executor executor;
        private String httpPath;
        private TlsOptions tls;
        private RequestListener requestListener;

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

        /**
         * The memory all connections together may hold in requests that have not fully arrived
         * (default 256 MiB). A connection whose bytes would take the total over it is closed, with
         * a warning naming the peer: many clients each trickling a large request cannot exhaust
         * the heap, as {@code maxMessageBytes} alone bounds one connection, not all of them. At
         * least {@code maxMessageBytes} (checked by {@link #build()}), so one largest request
         * always fits.
         */
        public Builder maxBufferedRequestBytes(long value) {
            if (value < Checks.MIN_MESSAGE_BYTES) {
                throw new IllegalArgumentException("maxBufferedRequestBytes must be at least " + Checks.MIN_MESSAGE_BYTES
                        + ", was " + value);
            }
            this.maxBufferedRequestBytes = value;
            return this;
        }

        /**
         * How long a request may take to arrive, from its first byte to its last (default 30 s);
         * a connection that takes longer (a slow-loris client trickling bytes) is closed with a
         * warning. Time the server itself stops reading (backpressure) does not count.
         * {@code Duration.ZERO} turns it off.
         */
        public Builder incompleteRequestTimeout(java.time.Duration value) {
            Checks.notNull("incompleteRequestTimeout", value);
            if (value.isNegative()) {
                throw new IllegalArgumentException("incompleteRequestTimeout must not be negative, was " + value);
            }
            this.incompleteRequestTimeout = value;
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

        /**
         * Runs service methods on the I/O thread that read the request, with no hand-off to a
         * worker thread and back (gRPC-java's {@code ServerBuilder.directExecutor()}): the fastest
         * way to serve methods that only compute, such as arithmetic, lookups in memory or
         * encoding. Only for such methods: while one runs, every other connection served by that
         * I/O thread waits, so a method that blocks (on I/O, a lock, a sleep) stalls them all. A
         * blocking {@code RpcClient.call} or {@code RpcClientPool.call} made inside one is refused
         * with an {@link IllegalStateException} (answered as the call's error), as it could never
         * see its reply. Replaces {@link #executor}; {@link #workerThreads} is then unused.
         */
        public Builder directExecutor() {
            this.executor = DirectExecutor.INSTANCE;
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

        /**
         * Hears how every request ended and how long it took (see {@link RequestListener}), for
         * per-method metrics. Default none, and then no clock is read for it.
         */
        public Builder requestListener(RequestListener listener) {
            this.requestListener = Checks.notNull("requestListener", listener);
            return this;
        }

        /** @throws IllegalArgumentException if {@code maxBufferedRequestBytes < maxMessageBytes} */
        public RpcServerOptions build() {
            if (maxBufferedRequestBytes < maxMessageBytes) {
                throw new IllegalArgumentException("maxBufferedRequestBytes (" + maxBufferedRequestBytes
                        + ") must be at least maxMessageBytes (" + maxMessageBytes + "), or the largest request could never arrive");
            }
            return new RpcServerOptions(this);
        }
    }
}
