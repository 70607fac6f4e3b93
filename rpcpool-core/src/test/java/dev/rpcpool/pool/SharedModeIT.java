package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Shared connections under stress: the cap and the per-connection limit hold. */
@Timeout(120)
class SharedModeIT {
    private static final int CAP = 3;
    private static final int K = 4;

    @Test
    void manyCallersNeverExceedTheCapNorKLeasesPerConnection() throws Exception {
        TestConnector connector = new TestConnector();
        AtomicInteger remaining = new AtomicInteger(50_000);
        AtomicInteger overLimit = new AtomicInteger();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                Pools.manual("shared-stress").maxConnections(CAP).maxLeasesPerConnection(K).build())) {
            Stress.run(32, 100_000, id -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                while (remaining.getAndDecrement() > 0) {
                    Lease<Conn> lease = pool.acquire(Duration.ofSeconds(60));
                    Conn c = lease.connection();
                    if (c.inUse.incrementAndGet() > K) {
                        overLimit.incrementAndGet();
                    }
                    Thread.yield();
                    c.inUse.decrementAndGet();
                    if (r.nextInt(100) == 0) {
                        lease.invalidate();
                    } else {
                        lease.release();
                    }
                }
            });
            assertThat(overLimit).hasValue(0);
            assertThat(connector.peakLive.get()).isLessThanOrEqualTo(CAP);
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.pendingWaiters()).isZero();
            assertThat(s.opening()).isZero();
        }
        assertThat(connector.live).hasValue(0);
    }
}
