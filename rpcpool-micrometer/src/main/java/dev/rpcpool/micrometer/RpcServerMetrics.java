package dev.rpcpool.micrometer;

import dev.rpcpool.rpc.RequestListener;
import dev.rpcpool.rpc.RpcServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Micrometer metrics for one {@link RpcServer}, tagged {@code server=<name>}:
 *
 * <ul>
 *   <li>{@link #bindTo(MeterRegistry)} registers gauges read when the registry is scraped:
 *       {@code rpcpool.server.connections} and {@code rpcpool.server.buffered.bytes} (bytes of
 *       requests not yet complete, held against {@code maxBufferedRequestBytes}).
 *   <li>{@link #requestListener(MeterRegistry, String)} is a {@link RequestListener} for the
 *       server's options that records the timer {@code rpcpool.server.requests} per {@code method}
 *       and {@code outcome} ({@code ok} or {@code error}). A method name the server does not know
 *       is tagged {@code unregistered}: clients choose those names, so they must not become tags.
 * </ul>
 *
 * <pre>{@code
 * RpcServer server = new RpcServer(loops, RpcServerOptions.builder(GobCodec.create())
 *         .requestListener(RpcServerMetrics.requestListener(registry, "billing"))
 *         .build());
 * new RpcServerMetrics(server, "billing").bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safety: thread-safe.
 */
public final class RpcServerMetrics implements MeterBinder {
    private static final String PREFIX = "rpcpool.server.";
    /** The method tag of requests for methods the server does not have. */
    static final String UNREGISTERED = "unregistered";

    private final RpcServer server;
    private final Tags tags;

    /** Metrics for {@code server}, tagged {@code server=name}. */
    public RpcServerMetrics(RpcServer server, String name) {
        this.server = Objects.requireNonNull(server, "server");
        this.tags = Tags.of("server", Objects.requireNonNull(name, "name"));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(PREFIX + "connections", server, RpcServer::connections)
                .description("Open client connections").tags(tags).register(registry);
        Gauge.builder(PREFIX + "buffered.bytes", server, RpcServer::bufferedRequestBytes)
                .description("Bytes of requests still arriving").tags(tags).register(registry);
    }

    /**
     * A listener to pass to {@code RpcServerOptions.Builder.requestListener} that times every
     * request in {@code rpcpool.server.requests}, tagged {@code server}, {@code method} and
     * {@code outcome}. Each method's timers are registered once and kept, so the listener itself
     * allocates nothing per request.
     */
    public static RequestListener requestListener(MeterRegistry registry, String name) {
        Objects.requireNonNull(registry, "registry");
        Tags tags = Tags.of("server", Objects.requireNonNull(name, "name"));
        Map<String, Timer[]> byMethod = new ConcurrentHashMap<>();
        Function<String, Timer[]> register = m -> new Timer[] {timer(registry, tags, m, "ok"), timer(registry, tags, m, "error")};
        return (method, registered, nanos, error) -> {
            String tag = registered ? method : UNREGISTERED;
            Timer[] okAndError = byMethod.get(tag);
            if (okAndError == null) {
                okAndError = byMethod.computeIfAbsent(tag, register);
            }
            okAndError[error == null ? 0 : 1].record(nanos, TimeUnit.NANOSECONDS);
        };
    }

    private static Timer timer(MeterRegistry registry, Tags tags, String method, String outcome) {
        return Timer.builder(PREFIX + "requests").description("Requests answered, by method and outcome")
                .tags(tags.and("method", method, "outcome", outcome)).register(registry);
    }
}
