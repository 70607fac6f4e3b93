package dev.rpcpool.rpc;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.transport.TlsOptions;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;

/**
 * Immutable settings of RPC client connections. Build with {@link #builder(Codec)}; every setter
 * checks its argument at once and names the field in the {@link IllegalArgumentException}.
 *
 * <p>Thread-safety: immutable.
 */
public final class RpcClientOptions {
    /** Default limit of one message in either direction: 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;
    /** Default limit of TCP connect plus handshake: 10 s. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Go's {@code rpc.DefaultRPCPath}. */
    public static final String DEFAULT_HTTP_PATH = "/_goRPC_";

    private final Codec codec;
    private final Duration connectTimeout;
    private final int maxMessageBytes;
    private final String httpPath;
    private final Executor callbackExecutor;
    private final int maxInFlight;
    private final TlsOptions tls;
    private final SyncWait syncWait;

    private RpcClientOptions(Builder b) {
        this.tls = b.tls;
        this.syncWait = b.syncWait;
        this.maxInFlight = b.maxInFlight;
        this.codec = b.codec;
        this.connectTimeout = b.connectTimeout;
        this.maxMessageBytes = b.maxMessageBytes;
        this.httpPath = b.httpPath;
        this.callbackExecutor = b.callbackExecutor;
    }

    /** A builder with the defaults and the given wire codec (for example {@code new JsonRpcCodec()}). */
    public static Builder builder(Codec codec) {
        return new Builder(codec);
    }

    /** A builder holding these settings. */
    public Builder toBuilder() {
        return new Builder(codec).connectTimeout(connectTimeout).maxMessageBytes(maxMessageBytes)
                .callbackExecutor(callbackExecutor).httpPath(httpPath).maxInFlight(maxInFlight).tls(tls)
                .syncWait(syncWait);
    }

    /** How a blocking {@code call} waits for its reply. */
    public SyncWait syncWait() {
        return syncWait;
    }

    public Codec codec() {
        return codec;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** The HTTP CONNECT path, or {@code null} for plain TCP. */
    public String httpPath() {
        return httpPath;
    }

    public Executor callbackExecutor() {
        return callbackExecutor;
    }

    /** The most calls one connection carries at once; 0 means no limit. */
    public int maxInFlight() {
        return maxInFlight;
    }

    /** TLS settings, or {@code null} for plaintext (the default). */
    public TlsOptions tls() {
        return tls;
    }

    @Override
    public String toString() {
        return "RpcClientOptions[codec=" + codec.name() + ", connectTimeout=" + connectTimeout
                + ", maxMessageBytes=" + maxMessageBytes + ", httpPath=" + httpPath + ", maxInFlight=" + maxInFlight
                + ", tls=" + tls + "]";
    }

    /** Builds {@link RpcClientOptions}. Not thread-safe. */
    public static final class Builder {
        private final Codec codec;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
        private String httpPath;
        private Executor callbackExecutor = ForkJoinPool.commonPool();
        private int maxInFlight;
        private TlsOptions tls;
        private SyncWait syncWait = SyncWait.ADAPTIVE;

        private Builder(Codec codec) {
            this.codec = Checks.notNull("codec", codec);
        }

        /** Limit of TCP connect plus the TLS and HTTP CONNECT handshakes; positive. */
        public Builder connectTimeout(Duration connectTimeout) {
            this.connectTimeout = Checks.positive("connectTimeout", connectTimeout);
            return this;
        }

        /** The largest reply accepted; a larger one shuts the connection down. At least 64. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = Checks.atLeast("maxMessageBytes", maxMessageBytes, Checks.MIN_MESSAGE_BYTES);
            return this;
        }

        /**
         * Connect with Go's HTTP CONNECT handshake on {@code path} (Go's {@code rpc.DialHTTPPath});
         * {@code null} means plain TCP (the default).
         */
        public Builder httpPath(String path) {
            this.httpPath = Checks.httpPath(path);
            return this;
        }

        /** Shorthand for {@code httpPath(DEFAULT_HTTP_PATH)}, Go's {@code rpc.DialHTTP}. */
        public Builder http() {
            return httpPath(DEFAULT_HTTP_PATH);
        }

        /**
         * Where futures returned by {@code callAsync} and {@code connectAsync} are completed, so
         * that dependent stages never run on an I/O thread. Default: {@link ForkJoinPool#commonPool()}.
         * Pass {@code Runnable::run} to complete on the I/O thread for the least latency, but then
         * dependent stages must never block.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Checks.notNull("callbackExecutor", executor);
            return this;
        }

        /**
         * The most calls one connection carries at once (0, the default, means no limit); a call
         * beyond it fails at once with {@link InFlightLimitException}, without being sent.
         */
        public Builder maxInFlight(int maxInFlight) {
            this.maxInFlight = Checks.atLeast("maxInFlight", maxInFlight, 0);
            return this;
        }

        /**
         * Connect with TLS ({@code null}, the default, means plaintext). The server's certificate is
         * verified, including that it names the host dialled, unless {@code tls} says otherwise.
         *
         * @throws IllegalArgumentException if {@code tls} cannot serve a client (names the setting)
         */
        public Builder tls(TlsOptions tls) {
            if (tls != null) {
                tls.clientContext(); // fail now, naming the setting, rather than on the first connect
            }
            this.tls = tls;
            return this;
        }

        /** How a blocking {@code call} waits for its reply; default {@link SyncWait#ADAPTIVE}. */
        public Builder syncWait(SyncWait syncWait) {
            this.syncWait = Checks.notNull("syncWait", syncWait);
            return this;
        }

        public RpcClientOptions build() {
            return new RpcClientOptions(this);
        }
    }
}
