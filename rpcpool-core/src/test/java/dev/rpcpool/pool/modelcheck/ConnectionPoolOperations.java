package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.ConnectionPool;
import dev.rpcpool.pool.PoolConfig;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Histories of acquire (zero timeout, bounded wait), release and invalidate on the real
 * {@link ConnectionPool} in exclusive mode, starting empty, so acquires connect, wait and hand over.
 * Close comes after the history, in the {@code @Validate} step; {@link ClosingPoolOperations}
 * closes during it.
 *
 * <p>No interrupted acquire: a waiter interrupted just as it is granted a connection hands it on,
 * and any acquire running meanwhile may find the pool full, which no sequential order explains (the
 * connection was neither held nor free). The model checker finds that at once; it is by design,
 * nothing is lost, and {@code InterruptTest} covers it.
 */
public class ConnectionPoolOperations extends PoolOperations {

    public ConnectionPoolOperations() {
        this(UnaryOperator.identity());
    }

    /** For a deliberately broken variant wrapped around the real pool. */
    ConnectionPoolOperations(UnaryOperator<LeaseSource> wrap) {
        super(connector -> wrap.apply(new RealPool(ConnectionPool.create(connector, config()))));
    }

    static PoolConfig config() {
        // No maintenance thread (interval 0), no lifetime or idle checks: the history's threads are
        // the only ones touching the pool, which model checking needs.
        return PoolConfig.builder("model-checked")
                .maxConnections(MAX_CONNECTIONS)
                .maintenanceInterval(Duration.ZERO)
                .maxLifetime(Duration.ZERO)
                .idleTimeout(Duration.ZERO)
                .clock(new TickingClock())
                .build();
    }

    @Operation(nonParallelGroup = "a")
    public String acquireNowA() {
        return acquireNow(a);
    }

    @Operation(nonParallelGroup = "a")
    public String acquireWithinA() {
        return acquireWithin(a);
    }

    @Operation(nonParallelGroup = "a")
    public String releaseA() {
        return release(a);
    }

    @Operation(nonParallelGroup = "a")
    public String invalidateA() {
        return invalidate(a);
    }

    @Operation(nonParallelGroup = "b")
    public String acquireNowB() {
        return acquireNow(b);
    }

    @Operation(nonParallelGroup = "a")
    public String tryAcquireA() {
        return tryAcquire(a);
    }

    @Operation(nonParallelGroup = "b")
    public String tryAcquireB() {
        return tryAcquire(b);
    }

    @Operation(nonParallelGroup = "b")
    public String acquireWithinB() {
        return acquireWithin(b);
    }

    @Operation(nonParallelGroup = "b")
    public String releaseB() {
        return release(b);
    }

    @Operation(nonParallelGroup = "b")
    public String invalidateB() {
        return invalidate(b);
    }
}
