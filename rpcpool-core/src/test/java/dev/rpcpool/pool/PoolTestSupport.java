package dev.rpcpool.pool;

import static org.awaitility.Awaitility.await;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** A test connector, a fake clock, and a pool closed after each test. */
@Timeout(60)
abstract class PoolTestSupport {
    final TestConnector connector = new TestConnector();
    final FakeClock clock = new FakeClock();
    ConnectionPool<Conn> pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    ConnectionPool<Conn> pool(PoolConfig.Builder b) {
        pool = ConnectionPool.create(connector, b.build());
        return pool;
    }

    /** Starts a caller that waits for a lease, and returns once it is queued. */
    CompletableFuture<Lease<Conn>> queuedCaller() {
        int before = pool.stats().pendingWaiters();
        CompletableFuture<Lease<Conn>> f = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30)));
        await().until(() -> pool.stats().pendingWaiters() == before + 1);
        return f;
    }

    /** As {@link #queuedCaller()}, releasing the lease at once and returning the connection it had. */
    CompletableFuture<Conn> queuedCallerReleasing() {
        return queuedCaller().thenApply(l -> {
            Conn c = l.connection();
            l.release();
            return c;
        });
    }
}
