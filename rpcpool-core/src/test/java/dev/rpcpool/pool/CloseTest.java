package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Point 7: close. */
@Timeout(60)
class CloseTest {
    private final TestConnector connector = new TestConnector();

    @Test
    void closeIsIdempotentAndClosesIdleConnectionsAtOnce() {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("idle").build());
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        a.release();
        b.release();
        pool.close();
        pool.close();
        assertThat(connector.live).hasValue(0);
        assertThat(connector.closes).hasValue(2);
        assertThat(pool.isClosed()).isTrue();
        assertThat(pool.terminated()).isDone();
    }

    @Test
    void leasedConnectionsAreClosedWhenReleasedAfterClose() {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("leased").build());
        Lease<Conn> l = pool.acquire();
        pool.close();
        assertThat(l.connection().open).isTrue();
        assertThat(pool.terminated()).isNotDone();
        l.release();
        assertThat(connector.live).hasValue(0);
        assertThat(pool.terminated()).isDone();
    }

    @Test
    void acquireAfterCloseFailsWithPoolClosed() {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("closed-acquire").build());
        pool.close();
        assertThatThrownBy(pool::acquire).isInstanceOf(PoolClosedException.class).hasMessageContaining("'closed-acquire'");
        assertThat(connector.connectAttempts).hasValue(0);
    }

    @Test
    void waitersFailWithPoolClosedWhenThePoolCloses() throws Exception {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("closed-waiter").maxConnections(1).build());
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Lease<Conn>> waiter = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30)));
        await().until(() -> pool.stats().pendingWaiters() == 1);
        pool.close();
        assertThatThrownBy(() -> waiter.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PoolClosedException.class);
        held.release();
        assertThat(connector.live).hasValue(0);
    }

    @Test
    void aConnectionOpenedWhileThePoolClosesIsClosedAndTheCallerToldSo() throws Exception {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("closing-connect").build());
        connector.gate = new java.util.concurrent.CountDownLatch(1);
        CompletableFuture<Lease<Conn>> caller = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30)));
        await().until(() -> connector.connectAttempts.get() == 1);
        pool.close();
        assertThat(pool.terminated()).isNotDone(); // the connect in flight still holds capacity
        connector.gate.countDown();
        assertThatThrownBy(() -> caller.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PoolClosedException.class);
        assertThat(connector.live).hasValue(0);
        assertThat(pool.terminated()).isDone();
    }

    @Test
    void closeStopsTheMaintenanceThread() {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                PoolConfig.builder("thread-leak").maintenanceInterval(Duration.ofMillis(10)).build());
        pool.acquire().release();
        await().until(() -> maintenanceThreads("thread-leak") == 1);
        pool.close();
        await().atMost(Duration.ofSeconds(20)).until(() -> maintenanceThreads("thread-leak") == 0);
    }

    private static long maintenanceThreads(String pool) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("rpcpool-maintenance-" + pool)).count();
    }

    @Test
    void gracefulCloseWaitsForLeasesToBeReleased() throws Exception {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("drain").build());
        Lease<Conn> l = pool.acquire();
        CompletableFuture<Boolean> drained = CompletableFuture.supplyAsync(() -> pool.closeGracefully(Duration.ofSeconds(30)));
        await().until(pool::isClosed);
        assertThat(drained).isNotDone();
        l.release();
        assertThat(drained.get(30, TimeUnit.SECONDS)).isTrue();
        assertThat(connector.live).hasValue(0);
    }

    @Test
    void gracefulCloseClosesConnectionsStillLeasedAfterItsTimeout() {
        ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("drain-timeout").build());
        Lease<Conn> l = pool.acquire();
        assertThat(pool.closeGracefully(Duration.ofMillis(50))).isFalse();
        assertThat(connector.live).hasValue(0);
        l.release(); // a no-op now, and no exception
        assertThat(connector.closes).hasValue(1);
        assertThat(pool.terminated()).isDone();
    }
}
