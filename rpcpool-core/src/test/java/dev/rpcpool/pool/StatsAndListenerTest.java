package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.pool.TestConnector.Conn;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Point 9: stats and the listener. */
@Timeout(60)
class StatsAndListenerTest {
    private final TestConnector connector = new TestConnector();
    private final List<String> events = new CopyOnWriteArrayList<>();

    private final class Recorder implements PoolListener {
        @Override
        public void connectionCreated(String pool, long id, Duration connectTime) {
            events.add("created " + pool + " #" + id);
        }

        @Override
        public void connectionClosed(String pool, long id, CloseReason reason) {
            events.add("closed " + pool + " #" + id + " " + reason);
        }

        @Override
        public void acquireTimedOut(String pool, Duration waited) {
            events.add("timed out " + pool);
        }

        @Override
        public void connectFailed(String pool, Throwable cause, Duration nextAttemptIn) {
            events.add("connect failed " + pool + " " + cause.getMessage());
        }
    }

    @Test
    void statsCountOpenIdleLeasedWaitersAndTotals() throws Exception {
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("stats").maxConnections(2).build())) {
            Lease<Conn> a = pool.acquire();
            Lease<Conn> b = pool.acquire();
            b.release();
            Lease<Conn> c = pool.acquire();
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(PoolTimeoutException.class);
            c.invalidate();
            PoolStats s = pool.stats();
            assertThat(s.pool()).isEqualTo("stats");
            assertThat(s.maxConnections()).isEqualTo(2);
            assertThat(s.open()).isEqualTo(1);
            assertThat(s.idle()).isZero();
            assertThat(s.leased()).isEqualTo(1);
            assertThat(s.created()).isEqualTo(2);
            assertThat(s.closed()).isEqualTo(1);
            assertThat(s.timedOutAcquires()).isEqualTo(1);
            assertThat(s.pendingWaiters()).isZero();

            Lease<Conn> d = pool.acquire();
            CompletableFuture<Lease<Conn>> w = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30)));
            org.awaitility.Awaitility.await().until(() -> pool.stats().pendingWaiters() == 1);
            a.release();
            w.get(30, TimeUnit.SECONDS).release();
            d.release();
            assertThat(pool.stats().waitedAcquires()).isEqualTo(1);
            assertThat(pool.stats().totalAcquireWait()).isPositive();
        }
    }

    @Test
    void theListenerHearsCreatedClosedTimedOutAndConnectFailed() {
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                Pools.manual("events").maxConnections(1).listener(new Recorder()).build())) {
            Lease<Conn> l = pool.acquire();
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(10))).isInstanceOf(PoolTimeoutException.class);
            l.invalidate();
            connector.failWith = new IOException("nope");
            assertThatThrownBy(pool::acquire).isInstanceOf(PoolConnectException.class);
            assertThat(events).containsExactly("created events #1", "timed out events", "closed events #1 INVALIDATED",
                    "connect failed events nope");
            assertThat(pool.stats().connectFailures()).isEqualTo(1);
        }
    }

    @Test
    void listenersAreNeverCalledWhileThePoolLockIsHeld() {
        List<Boolean> otherThreadGotThrough = new CopyOnWriteArrayList<>();
        ConnectionPool<Conn>[] holder = new ConnectionPool[1];
        PoolListener probe = new PoolListener() {
            @Override
            public void connectionCreated(String pool, long id, Duration t) {
                check();
            }

            @Override
            public void connectionClosed(String pool, long id, CloseReason r) {
                check();
            }

            private void check() { // another thread must be able to take the slow path meanwhile
                Thread t = new Thread(() -> {
                    try {
                        holder[0].acquire(Duration.ZERO).release();
                    } catch (RuntimeException expected) {
                        // timeout or closed: fine, it got through the lock
                    }
                });
                t.start();
                try {
                    t.join(10_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                otherThreadGotThrough.add(!t.isAlive());
            }
        };
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                Pools.manual("no-lock").maxConnections(1).listener(probe).build())) {
            holder[0] = pool;
            pool.acquire().invalidate();
        }
        assertThat(otherThreadGotThrough).hasSize(2).containsOnly(true);
    }

    @Test
    void theConnectionsViewShowsLeasesPerConnection() {
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                Pools.manual("view").maxConnections(2).maxLeasesPerConnection(3).build())) {
            Lease<Conn> a = pool.acquire();
            Lease<Conn> b = pool.acquire();
            assertThat(pool.connections()).singleElement().satisfies(ci -> {
                assertThat(ci.leases()).isEqualTo(2);
                assertThat(ci.connection()).isSameAs(a.connection());
                assertThat(ci.id()).isEqualTo(a.connectionId());
            });
            a.release();
            b.release();
            assertThat(pool.connections().get(0).leases()).isZero();
        }
    }
}
