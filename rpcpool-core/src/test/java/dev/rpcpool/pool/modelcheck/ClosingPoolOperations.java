package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.ConnectionPool;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Histories with close (possibly twice) among acquires and releases, on a pool whose connections
 * are all open and idle at the start; the sequential specification is {@link FilledPoolModel}.
 *
 * <p>No step here connects, on purpose: an acquire that is connecting when the pool closes fails
 * with "closed" after its reserved capacity may already have made a concurrent acquire time out.
 * That outcome is harmless (nothing is lost or left open) but has no sequential explanation, since
 * a connect in progress holds capacity by design (open plus opening connections never exceed the
 * cap). Without invalidate, acquires here never need to connect.
 */
public final class ClosingPoolOperations extends PoolOperations {

    public ClosingPoolOperations() {
        super(connector -> new RealPool(ConnectionPool.create(connector, ConnectionPoolOperations.config())));
        fill();
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

    @Operation(nonParallelGroup = "b")
    public String acquireNowB() {
        return acquireNow(b);
    }

    @Operation(nonParallelGroup = "b")
    public String acquireWithinB() {
        return acquireWithin(b);
    }

    @Operation(nonParallelGroup = "b")
    public String releaseB() {
        return release(b);
    }

    @Operation
    @Override
    public String close() {
        return super.close();
    }
}
