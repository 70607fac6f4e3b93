package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.pool.modelcheck.InMemoryConnector.Conn;
import java.time.Duration;

/**
 * A deliberately broken pool: when the real one is full, it hands out the connection it handed
 * out last once more, if it is still held, instead of timing out. The model check must catch it.
 */
final class DoubleHandOutPool implements LeaseSource {
    private final LeaseSource pool;
    /** The connection handed out last (taken at hand-out: its lease may have ended since). */
    private volatile Conn last;

    DoubleHandOutPool(LeaseSource pool) {
        this.pool = pool;
    }

    @Override
    public Lease<Conn> acquire(Duration timeout) {
        try {
            Lease<Conn> lease = pool.acquire(timeout);
            last = lease.connection();
            return lease;
        } catch (PoolTimeoutException full) {
            Conn again = last;
            if (again == null || again.holders.get() == 0) {
                throw full; // only a connection someone holds makes a double hand-out
            }
            return new SecondLease(again);
        }
    }

    @Override
    public Lease<Conn> tryAcquire() {
        return pool.tryAcquire();
    }

    @Override
    public void close() {
        pool.close();
    }

    @Override
    public boolean isTerminated() {
        return pool.isTerminated();
    }

    /** A lease on a connection someone else holds; ending it does nothing. */
    private record SecondLease(Conn connection) implements Lease<Conn> {
        @Override
        public long connectionId() {
            return -1;
        }

        @Override
        public void release() { }

        @Override
        public void invalidate() { }

        @Override
        public void close() { }
    }
}
