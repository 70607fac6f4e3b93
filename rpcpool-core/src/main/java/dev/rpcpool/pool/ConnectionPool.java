package dev.rpcpool.pool;

import dev.rpcpool.pool.internal.PoolEngine;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pool of connections of type {@code C}: callers {@link #acquire()} a {@link Lease}, use its
 * connection, and end the lease with {@link Lease#release()} or {@link Lease#invalidate()}.
 *
 * <pre>{@code
 * try (ConnectionPool<Socket> pool = ConnectionPool.create(connector,
 *         PoolConfig.builder("10.0.0.7:1234").maxConnections(4).build())) {
 *     try (Lease<Socket> lease = pool.acquire()) {
 *         use(lease.connection());
 *     }
 * }
 * }</pre>
 *
 * <p>Guarantees: open plus opening connections never exceed {@link PoolConfig#maxConnections()};
 * idle connections are reused most-recently-released first; when none is usable and the cap is
 * reached, callers wait in arrival order until their deadline. With
 * {@link PoolConfig#maxLeasesPerConnection()} {@code = k > 1} a connection is shared by up to k
 * leases: acquire picks the least-loaded connection with room, and opens a new one only when every
 * open connection carries k leases. Idle validation, idle eviction and lifetime apply to a
 * connection only when it has no lease. Connect failures back off exponentially with jitter, and
 * while backing off, callers that would need a new connection fail fast with
 * {@link PoolBackoffException}. Maintenance runs on one daemon thread per pool, stopped by
 * {@link #close()}.
 *
 * <p>Thread-safety: thread-safe; every method may be called from any thread. Acquiring an idle
 * connection takes no lock and, in exclusive mode, allocates nothing.
 *
 * @param <C> the connection type
 */
public final class ConnectionPool<C> implements AutoCloseable {
    private final PoolEngine<C> engine;

    private ConnectionPool(PoolEngine<C> engine) {
        this.engine = engine;
    }

    /**
     * Creates a pool. No connection is opened on the caller's thread; with
     * {@link PoolConfig#prewarm()} the maintenance thread opens {@code minIdle} connections and
     * {@link #ready()} completes when it is done.
     */
    public static <C> ConnectionPool<C> create(Connector<C> connector, PoolConfig config) {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(config, "config");
        return new ConnectionPool<>(new PoolEngine<>(connector, config));
    }

    /**
     * Acquires a lease, waiting at most {@link PoolConfig#acquireTimeout()}.
     *
     * @throws PoolTimeoutException if none could be had in time (the message gives the pool's state)
     * @throws PoolConnectException if a new connection was needed and the connect failed
     * @throws PoolBackoffException if a new connection was needed while connects back off
     * @throws PoolExhaustedException if {@link PoolConfig#maxWaiters()} callers already wait
     * @throws PoolClosedException if the pool is closed
     * @throws PoolInterruptedException if the thread was interrupted (its flag is set again)
     */
    public Lease<C> acquire() {
        return engine.acquire(PoolEngine.saturatedNanos(engine.config().acquireTimeout()));
    }

    /**
     * Acquires a lease, waiting at most {@code timeout}; what remains of it is passed to a connect.
     * Zero means "only if one is free now". Same exceptions as {@link #acquire()}.
     *
     * @throws IllegalArgumentException if {@code timeout} is negative
     */
    public Lease<C> acquire(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout);
        }
        return engine.acquire(PoolEngine.saturatedNanos(timeout));
    }

    /** As {@link #acquire(Duration)}, without allocating a {@code Duration}. */
    public Lease<C> acquire(long timeout, TimeUnit unit) {
        Objects.requireNonNull(unit, "unit");
        if (timeout < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 but was " + timeout + " " + unit);
        }
        return engine.acquire(unit.toNanos(timeout));
    }

    /**
     * As {@link #acquire(Duration)} with an absolute deadline in the pool's clock
     * ({@link PoolConfig#clock()}, by default {@link System#nanoTime()}): for callers that carry one
     * deadline across several steps. A deadline already passed means "only if one is free now".
     */
    public Lease<C> acquireBefore(long deadlineNanos) {
        return engine.acquire(Math.max(0, deadlineNanos - engine.config().clock().nanoTime()));
    }

    /**
     * A lease on a connection that can be used right now, or {@code null}: never waits, never opens
     * a connection, never validates one (a connection due for validation is left for
     * {@link #acquire()}), and returns {@code null} while other callers wait, so it never overtakes
     * them. For threads that must not block, such as I/O threads; fall back to {@code acquire} on
     * another thread when it returns {@code null}.
     *
     * @throws PoolClosedException if the pool is closed
     */
    public Lease<C> tryAcquire() {
        return engine.tryAcquire();
    }

    /** A cheap snapshot of the pool's gauges and counters; never blocks. */
    public PoolStats stats() {
        return engine.stats();
    }

    /** A view of each open connection with its lease count (calls in flight, when shared). */
    public List<ConnectionInfo<C>> connections() {
        return engine.connections();
    }

    /**
     * Completes when pre-warming has opened {@code minIdle} connections (at once when
     * {@link PoolConfig#prewarm()} is off); completes exceptionally with the connect failure if
     * pre-warming failed, or with {@link PoolClosedException} if the pool closed first.
     */
    public CompletableFuture<Void> ready() {
        return engine.ready();
    }

    /**
     * Runs one maintenance pass now, on the calling thread: lifetime, idle eviction, dead idle
     * connections, leak detection, refill to {@code minIdle}. The maintenance thread does this every
     * {@link PoolConfig#maintenanceInterval()}; call it yourself with an interval of 0 and a test
     * {@link PoolClock} to control time.
     */
    public void runMaintenance() {
        engine.runMaintenance();
    }

    /** The pool's name (its target). */
    public String name() {
        return engine.name();
    }

    /** The configuration. */
    public PoolConfig config() {
        return engine.config();
    }

    /** Whether {@link #close()} has been called. */
    public boolean isClosed() {
        return engine.isClosed();
    }

    /**
     * Closes the pool; idempotent and safe to call concurrently with anything. Waiters and later
     * acquires fail with {@link PoolClosedException}; idle connections are closed now, leased ones
     * when released; the maintenance thread stops. Never blocks on leases.
     */
    @Override
    public void close() {
        engine.close();
    }

    /**
     * Closes the pool, then waits up to {@code timeout} for outstanding leases to be released; after
     * that, closes the connections still leased (their leases become no-ops).
     *
     * @return true if every connection was closed by release within the timeout
     */
    public boolean closeGracefully(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        return engine.closeGracefully(PoolEngine.saturatedNanos(timeout));
    }

    /** Completes when the pool is closed and every connection it opened has been closed. */
    public CompletableFuture<Void> terminated() {
        return engine.terminated();
    }

    @Override
    public String toString() {
        return "ConnectionPool{" + engine.stats().describe() + ", name=" + engine.name() + "}";
    }
}
