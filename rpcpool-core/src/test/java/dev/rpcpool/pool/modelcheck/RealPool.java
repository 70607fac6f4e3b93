package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.ConnectionPool;
import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.modelcheck.InMemoryConnector.Conn;
import java.time.Duration;

/** The pool itself as a {@link LeaseSource}. */
record RealPool(ConnectionPool<Conn> pool) implements LeaseSource {

    @Override
    public Lease<Conn> acquire(Duration timeout) {
        return pool.acquire(timeout);
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
        return pool.terminated().isDone();
    }
}
