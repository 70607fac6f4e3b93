package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.ConnectionPool;
import org.jetbrains.lincheck.datastructures.Operation;

/**
 * Histories where one holder acquires (zero timeout, bounded wait) and releases while the other
 * thread closes the pool, possibly twice, on a pool whose connections are all open and idle at the
 * start; the sequential specification is {@link FilledPoolModel}.
 *
 * <p>Only one thread acquires, on purpose: an acquire that races close may take a connection (an
 * idle one, or capacity to connect), then see the pool closed, give it back and fail with "closed";
 * a second acquirer may find the pool full meanwhile. That is harmless (nothing is lost or left
 * open) but has no sequential explanation, and the model checker finds it at once.
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
    @Override
    public String close() {
        return super.close();
    }
}
