package dev.rpcpool.micrometer;

import dev.rpcpool.CallListener;
import dev.rpcpool.CallOutcome;
import dev.rpcpool.RpcClientPool;
import dev.rpcpool.pool.CloseReason;
import dev.rpcpool.pool.PoolListener;
import dev.rpcpool.pool.PoolStats;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Micrometer metrics for one {@link RpcClientPool}, tagged {@code target=host:port} and
 * {@code mode}. Two parts, because some numbers are read and some are events:
 *
 * <ul>
 *   <li>{@link #bindTo(MeterRegistry)} registers gauges and function meters read from
 *       {@link RpcClientPool#stats()} when the registry is scraped (nothing on the call path):
 *       {@code rpcpool.connections} ({@code state=open|opening|idle}), {@code rpcpool.leases}
 *       (calls holding a connection), {@code rpcpool.waiters}, {@code rpcpool.connections.max},
 *       {@code rpcpool.connections.created}, {@code rpcpool.connections.closed},
 *       {@code rpcpool.acquire.timeouts}, {@code rpcpool.connect.failures}, and the function timer
 *       {@code rpcpool.acquire.wait} (acquires that had to queue, and their total wait).
 *   <li>{@link #listener(MeterRegistry, String)} is a {@link PoolListener} for the pool's builder
 *       that records the timer {@code rpcpool.connect} (time to open a connection) and the counter
 *       {@code rpcpool.connections.closed.by.reason} ({@code reason=...}).
 *   <li>{@link #callListener(MeterRegistry, String)} is a {@link CallListener} for the pool's
 *       builder that records the timer {@code rpcpool.calls} per {@code method} and
 *       {@code outcome} ({@link CallOutcome#tag()}: {@code ok}, {@code server_error},
 *       {@code timeout}, {@code pool_timeout}, ...).
 * </ul>
 *
 * <pre>{@code
 * RpcClientPool pool = RpcClientPool.builder("10.0.0.7:1234")
 *         .listener(RpcClientPoolMetrics.listener(registry, "10.0.0.7:1234"))
 *         .callListener(RpcClientPoolMetrics.callListener(registry, "10.0.0.7:1234"))
 *         .build();
 * new RpcClientPoolMetrics(pool).bindTo(registry);
 * }</pre>
 *
 * <p>Thread-safety: thread-safe; meters read the pool's lock-free stats snapshot.
 */
public final class RpcClientPoolMetrics implements MeterBinder {
    private static final String PREFIX = "rpcpool.";

    private final RpcClientPool pool;
    private final Tags tags;

    /** Metrics for {@code pool}, tagged with its target and mode. */
    public RpcClientPoolMetrics(RpcClientPool pool) {
        this(pool, Tags.empty());
    }

    /** Metrics for {@code pool}, with extra tags (for example the service's name). */
    public RpcClientPoolMetrics(RpcClientPool pool, Iterable<io.micrometer.core.instrument.Tag> extraTags) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.tags = Tags.of("target", pool.target(), "mode", pool.mode().name().toLowerCase()).and(extraTags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "connections", "Open connections by state", s -> s.open(), "state", "open");
        gauge(registry, "connections", "Connections being opened", s -> s.opening(), "state", "opening");
        gauge(registry, "connections", "Open connections with no call", s -> s.idle(), "state", "idle");
        gauge(registry, "connections.max", "The pool's connection cap", s -> s.maxConnections());
        gauge(registry, "leases", "Calls holding a connection", s -> s.leased());
        gauge(registry, "waiters", "Calls waiting for a connection", s -> s.pendingWaiters());
        counter(registry, "connections.created", "Connections opened", s -> s.created());
        counter(registry, "connections.closed", "Connections closed", s -> s.closed());
        counter(registry, "acquire.timeouts", "Calls that gave up waiting for a connection", s -> s.timedOutAcquires());
        counter(registry, "connect.failures", "Failed connect attempts", s -> s.connectFailures());
        FunctionTimer.builder(PREFIX + "acquire.wait", pool,
                        p -> p.stats().waitedAcquires(), p -> p.stats().totalAcquireWaitNanos(), TimeUnit.NANOSECONDS)
                .description("Calls that queued for a connection, and how long they waited")
                .tags(tags)
                .register(registry);
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<PoolStats> value,
            String... extraTags) {
        Gauge.builder(PREFIX + name, pool, p -> value.applyAsDouble(p.stats()))
                .description(description)
                .tags(tags.and(extraTags))
                .register(registry);
    }

    private void counter(MeterRegistry registry, String name, String description, ToDoubleFunction<PoolStats> value) {
        FunctionCounter.builder(PREFIX + name, pool, p -> value.applyAsDouble(p.stats()))
                .description(description)
                .tags(tags)
                .register(registry);
    }

    /**
     * A listener to pass to {@link RpcClientPool.Builder#listener} that records connect times and
     * why connections closed, tagged {@code target}.
     */
    public static PoolListener listener(MeterRegistry registry, String target) {
        Objects.requireNonNull(registry, "registry");
        Tags tags = Tags.of("target", Objects.requireNonNull(target, "target"));
        Timer connect = Timer.builder(PREFIX + "connect").description("Time to open a connection")
                .tags(tags).register(registry);
        return new PoolListener() {
            @Override
            public void connectionCreated(String pool, long connectionId, Duration connectTime) {
                connect.record(connectTime);
            }

            @Override
            public void connectionClosed(String pool, long connectionId, CloseReason reason) {
                Counter.builder(PREFIX + "connections.closed.by.reason").description("Connections closed, by reason")
                        .tags(tags.and("reason", reason.name().toLowerCase())).register(registry).increment();
            }
        };
    }

    /**
     * A call listener to pass to {@link RpcClientPool.Builder#callListener} that times every call in
     * the timer {@code rpcpool.calls}, tagged {@code target}, {@code method} and {@code outcome}.
     * Each method's timers are registered once and kept, so the listener itself allocates nothing
     * per call; methods are tags, so call a bounded set of them (as an RPC API is).
     */
    public static CallListener callListener(MeterRegistry registry, String target) {
        Objects.requireNonNull(registry, "registry");
        Tags tags = Tags.of("target", Objects.requireNonNull(target, "target"));
        Map<String, Timer[]> byMethod = new ConcurrentHashMap<>();
        CallOutcome[] outcomes = CallOutcome.values();
        Function<String, Timer[]> register = m -> {
            Timer[] t = new Timer[outcomes.length];
            for (CallOutcome o : outcomes) {
                t[o.ordinal()] = Timer.builder(PREFIX + "calls").description("Calls, by method and outcome")
                        .tags(tags.and("method", m, "outcome", o.tag())).register(registry);
            }
            return t;
        };
        return (method, nanos, failure) -> {
            Timer[] timers = byMethod.get(method);
            if (timers == null) {
                timers = byMethod.computeIfAbsent(method, register);
            }
            timers[CallOutcome.of(failure).ordinal()].record(nanos, TimeUnit.NANOSECONDS);
        };
    }
}
