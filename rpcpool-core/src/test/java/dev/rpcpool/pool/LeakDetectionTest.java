package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Point 8: leak detection. */
@Timeout(60)
class LeakDetectionTest {
    private final FakeClock clock = new FakeClock();
    private final List<Throwable> reported = new CopyOnWriteArrayList<>();
    private final List<Duration> heldFor = new CopyOnWriteArrayList<>();

    @Test
    void aLeaseHeldTooLongIsReportedOnceWithWhereItWasAcquired() {
        try (ConnectionPool<Conn> pool = ConnectionPool.create(new TestConnector(), Pools.manual("leak").clock(clock)
                .leakDetectionThreshold(Duration.ofSeconds(2))
                .listener(new PoolListener() {
                    @Override
                    public void leaseHeldTooLong(String p, long id, Duration held, Throwable acquiredAt) {
                        reported.add(acquiredAt);
                        heldFor.add(held);
                    }
                }).build())) {
            Lease<Conn> returned = pool.acquire();
            Lease<Conn> leaked = acquireAndForget(pool);
            returned.release();
            clock.advance(Duration.ofSeconds(1));
            pool.runMaintenance();
            assertThat(reported).isEmpty();
            clock.advance(Duration.ofSeconds(2));
            pool.runMaintenance();
            pool.runMaintenance();
            assertThat(reported).hasSize(1);
            assertThat(heldFor.get(0)).isEqualTo(Duration.ofSeconds(3));
            assertThat(reported.get(0).getStackTrace())
                    .anyMatch(f -> f.getMethodName().equals("acquireAndForget"));
            leaked.release();
        }
    }

    private static Lease<Conn> acquireAndForget(ConnectionPool<Conn> pool) {
        return pool.acquire();
    }
}
