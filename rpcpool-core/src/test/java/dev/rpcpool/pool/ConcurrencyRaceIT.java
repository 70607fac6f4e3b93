package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Points 7 and 10 under stress: close, interrupts and timeouts racing with acquire and release. */
@Timeout(120)
class ConcurrencyRaceIT {

    @Test
    void closeRacingWithAcquireAndReleaseNeverThrowsLeaksOrHangs() throws Exception {
        for (int round = 0; round < 30; round++) {
            TestConnector connector = new TestConnector();
            AtomicInteger cycles = new AtomicInteger();
            ConnectionPool<Conn> pool = ConnectionPool.create(connector, PoolConfig.builder("close-race-" + round)
                    .maxConnections(4).maxLeasesPerConnection(round % 2 == 0 ? 1 : 3)
                    .maintenanceInterval(Duration.ofMillis(1)).build());
            Thread closer = new Thread(() -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> cycles.get() >= 200);
                pool.close();
            });
            closer.start();
            Stress.run(16, 60_000, id -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (true) {
                    Lease<Conn> lease;
                    try {
                        lease = pool.acquire(Duration.ofSeconds(30));
                    } catch (PoolClosedException expected) {
                        return;
                    }
                    cycles.incrementAndGet();
                    if (r.nextInt(8) == 0) {
                        lease.invalidate();
                    } else {
                        lease.release();
                    }
                }
            });
            closer.join(30_000);
            assertThat(closer.isAlive()).isFalse();
            pool.terminated().get(30, TimeUnit.SECONDS);
            assertThat(connector.live).as("round %d", round).hasValue(0);
            assertThat(connector.closes.get()).isEqualTo(connector.made.size());
        }
    }

    @Test
    void evictionAndLifetimeRacingWithCallersNeverHandOutAClosedConnection() throws Exception {
        TestConnector connector = new TestConnector();
        AtomicInteger remaining = new AtomicInteger(30_000);
        AtomicInteger bad = new AtomicInteger();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, PoolConfig.builder("evict-race")
                .maxConnections(4).minIdle(1).idleTimeout(Duration.ofNanos(100_000)).maxLifetime(Duration.ofMillis(3))
                .maintenanceInterval(Duration.ofNanos(200_000)).build())) {
            Stress.run(16, 100_000, id -> {
                while (remaining.getAndDecrement() > 0) {
                    Lease<Conn> lease = pool.acquire(Duration.ofSeconds(30));
                    Conn c = lease.connection();
                    if (!c.open.get() || c.inUse.incrementAndGet() != 1) {
                        bad.incrementAndGet();
                    }
                    Thread.yield();
                    c.inUse.decrementAndGet();
                    lease.release();
                }
            });
            assertThat(bad).hasValue(0);
            assertThat(connector.peakLive.get()).isLessThanOrEqualTo(4);
            assertThat(connector.made.size()).as("lifetime and eviction did replace connections").isGreaterThan(4);
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.pendingWaiters()).isZero();
            pool.close();
            pool.terminated().get(30, TimeUnit.SECONDS); // a background refill may still be connecting
        }
        assertThat(connector.live).hasValue(0);
    }

    @Test
    void interruptsRacingWithHandOffsLoseNoCapacity() throws Exception {
        TestConnector connector = new TestConnector();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("interrupt-race").maxConnections(2).build())) {
            AtomicInteger remaining = new AtomicInteger(20_000);
            AtomicInteger interrupted = new AtomicInteger();
            AtomicBoolean stop = new AtomicBoolean();
            List<Thread> workers = new java.util.concurrent.CopyOnWriteArrayList<>();
            Thread interrupter = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (!stop.get()) {
                    if (!workers.isEmpty()) {
                        workers.get(r.nextInt(workers.size())).interrupt();
                    }
                    Thread.yield();
                }
            });
            interrupter.start();
            try {
                Stress.run(8, 100_000, id -> {
                    workers.add(Thread.currentThread());
                    while (remaining.getAndDecrement() > 0) {
                        try {
                            pool.acquire(Duration.ofSeconds(30)).release();
                        } catch (PoolInterruptedException expected) {
                            interrupted.incrementAndGet();
                        }
                        Thread.interrupted();
                    }
                    workers.remove(Thread.currentThread());
                });
            } finally {
                stop.set(true);
                interrupter.join(10_000);
            }
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.pendingWaiters()).isZero();
            assertThat(s.opening()).isZero();
            assertThat(connector.peakLive.get()).isLessThanOrEqualTo(2);
            // all capacity is still there
            Lease<Conn> a = pool.acquire(Duration.ofSeconds(5));
            Lease<Conn> b = pool.acquire(Duration.ofSeconds(5));
            a.release();
            b.release();
        }
    }

    @Test
    void timeoutsRacingWithHandOffsLoseNoCapacity() throws Exception {
        TestConnector connector = new TestConnector();
        AtomicInteger timeouts = new AtomicInteger();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("timeout-race").maxConnections(2).build())) {
            AtomicInteger remaining = new AtomicInteger(20_000);
            Stress.run(16, 100_000, id -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (remaining.getAndDecrement() > 0) {
                    try {
                        pool.acquire(r.nextInt(200), TimeUnit.MICROSECONDS).release();
                    } catch (PoolTimeoutException expected) {
                        timeouts.incrementAndGet();
                    }
                }
            });
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.pendingWaiters()).isZero();
            assertThat(s.timedOutAcquires()).isEqualTo(timeouts.get());
            assertThat(connector.peakLive.get()).isLessThanOrEqualTo(2);
            Lease<Conn> a = pool.acquire(Duration.ofSeconds(5));
            Lease<Conn> b = pool.acquire(Duration.ofSeconds(5));
            a.release();
            b.release();
        }
    }
}
