package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.pool.TestConnector.Conn;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Point 1 under stress: the tutorial's scenario (64 callers, cap 4) that opened 64 connections.
 */
@Timeout(120)
class HardCapIT {
    private static final int THREADS = 64;
    private static final int CAP = 4;
    private static final int CYCLES = 100_000;

    @Test
    void sixtyFourCallersNeverHaveMoreThanFourConnectionsOpenOverAHundredThousandCycles() throws Exception {
        TestConnector connector = new TestConnector();
        AtomicInteger remaining = new AtomicInteger(CYCLES);
        AtomicInteger done = new AtomicInteger();
        AtomicInteger sharedHandOuts = new AtomicInteger();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("cap").maxConnections(CAP).build())) {
            Stress.run(THREADS, 100_000, id -> {
                while (remaining.getAndDecrement() > 0) {
                    Lease<Conn> lease = pool.acquire(Duration.ofSeconds(60));
                    Conn c = lease.connection();
                    if (c.inUse.incrementAndGet() != 1) {
                        sharedHandOuts.incrementAndGet(); // exclusive mode: never two holders
                    }
                    c.inUse.decrementAndGet();
                    lease.release();
                    done.incrementAndGet();
                }
            });
            assertThat(done).hasValue(CYCLES);
            assertThat(connector.peakLive.get()).isLessThanOrEqualTo(CAP);
            assertThat(sharedHandOuts).hasValue(0);
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.pendingWaiters()).isZero();
            assertThat(s.open()).isLessThanOrEqualTo(CAP);
        }
        assertThat(connector.live).hasValue(0);
    }

    @Test
    void theCapHoldsWhileConnectionsBreakAndConnectsFail() throws Exception {
        TestConnector connector = new TestConnector();
        AtomicInteger remaining = new AtomicInteger(CYCLES / 4);
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("cap-chaos").maxConnections(CAP)
                .backoffBase(Duration.ofNanos(1000)).backoffMax(Duration.ofNanos(2000)).build())) {
            Stress.run(THREADS, 100_000, id -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (remaining.getAndDecrement() > 0) {
                    connector.failWith = r.nextInt(50) == 0 ? new IOException("flaky") : null;
                    Lease<Conn> lease;
                    try {
                        lease = pool.acquire(Duration.ofSeconds(60));
                    } catch (PoolConnectException expected) {
                        continue;
                    }
                    if (r.nextInt(10) == 0) {
                        lease.invalidate();
                    } else {
                        lease.release();
                    }
                }
            });
            assertThat(connector.peakLive.get()).isLessThanOrEqualTo(CAP);
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.opening()).isZero();
            assertThat(s.pendingWaiters()).isZero();
            assertThat(connector.live.get()).isEqualTo(s.open());
        }
        assertThat(connector.live).hasValue(0);
    }
}
