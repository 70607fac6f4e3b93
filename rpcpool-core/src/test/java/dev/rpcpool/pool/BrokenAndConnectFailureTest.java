package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.pool.TestConnector.Conn;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Points 4 and 5: broken connections and connect failures with back-off. */
class BrokenAndConnectFailureTest extends PoolTestSupport {
    @Test
    void anInvalidatedConnectionIsClosedAndNeverReused() {
        pool(Pools.manual("broken").maxConnections(2));
        Lease<Conn> l = pool.acquire();
        Conn broken = l.connection();
        l.invalidate();
        assertThat(broken.open).isFalse();
        assertThat(pool.stats().open()).isZero();
        Lease<Conn> next = pool.acquire();
        assertThat(next.connection()).isNotSameAs(broken);
        assertThat(pool.stats().closed()).isEqualTo(1);
    }

    @Test
    void invalidateFreesCapacityAtOnceForAWaiter() throws Exception {
        pool(Pools.manual("invalidate-waiter").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Conn> waiter = queuedCallerReleasing();
        Conn old = held.connection();
        held.invalidate();
        Conn got = waiter.get(30, TimeUnit.SECONDS);
        assertThat(got).isNotSameAs(old);
        assertThat(connector.peakLive).hasValue(1);
    }

    @Test
    void aConnectFailureReachesTheCallerWithItsCauseAndReleasesCapacity() {
        pool(Pools.manual("10.9.9.9:1").clock(clock).maxConnections(1));
        ConnectException refused = new ConnectException("Connection refused");
        connector.failWith = refused;
        assertThatThrownBy(() -> pool.acquire(Duration.ofSeconds(5)))
                .isInstanceOf(PoolConnectException.class)
                .isNotInstanceOf(PoolBackoffException.class)
                .hasCause(refused)
                .hasMessageContaining("'10.9.9.9:1'")
                .hasMessageContaining("Connection refused")
                .hasMessageMatching(".*next attempt in \\d+ ms.*");
        PoolStats s = pool.stats();
        assertThat(s.opening()).isZero();
        assertThat(s.open()).isZero();
        assertThat(s.connectFailures()).isEqualTo(1);

        connector.failWith = null;
        clock.advance(PoolConfig.DEFAULT_BACKOFF_MAX);
        pool.acquire(Duration.ofSeconds(5)).release(); // the capacity of the failed attempt is not lost
        assertThat(pool.stats().open()).isEqualTo(1);
    }

    @Test
    void whileTheTargetKeepsFailingConnectsBackOffAndCallersFailFast() {
        pool(Pools.manual("dead:1").clock(clock).backoffBase(Duration.ofMillis(100)).backoffMax(Duration.ofSeconds(1)));
        IOException cause = new IOException("refused");
        connector.failWith = cause;
        assertThatThrownBy(() -> pool.acquire(Duration.ofSeconds(5))).isInstanceOf(PoolConnectException.class);
        for (int i = 0; i < 20; i++) {
            assertThatThrownBy(() -> pool.acquire(Duration.ofSeconds(5)))
                    .isInstanceOf(PoolBackoffException.class)
                    .hasCause(cause)
                    .hasMessageContaining("'dead:1'")
                    .hasMessageContaining("1 failed attempt")
                    .hasMessageMatching(".*next attempt in \\d+ ms.*");
        }
        assertThat(connector.connectAttempts).hasValue(1); // not hammered

        clock.advance(Duration.ofMillis(100)); // base delay passed (jitter keeps it within [50, 100] ms)
        assertThatThrownBy(() -> pool.acquire(Duration.ofSeconds(5)))
                .isInstanceOf(PoolConnectException.class).isNotInstanceOf(PoolBackoffException.class);
        assertThat(connector.connectAttempts).hasValue(2);

        connector.failWith = null;
        clock.advance(Duration.ofSeconds(1));
        pool.acquire(Duration.ofSeconds(5)).invalidate(); // success resets the back-off
        connector.failWith = cause;
        PoolConnectException e = catchConnect();
        assertThat(e.nextAttemptIn()).isLessThanOrEqualTo(Duration.ofMillis(100));
    }

    @Test
    void theBackoffDoublesWithJitterUpToItsCap() {
        pool(Pools.manual("grow").clock(clock).backoffBase(Duration.ofMillis(100)).backoffMax(Duration.ofMillis(800)));
        connector.failWith = new IOException("refused");
        long[][] ranges = {{50, 100}, {100, 200}, {200, 400}, {400, 800}, {400, 800}, {400, 800}};
        for (long[] r : ranges) {
            PoolConnectException e = catchConnect();
            assertThat(e.nextAttemptIn().toMillis()).isBetween(r[0], r[1]);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    private PoolConnectException catchConnect() {
        try {
            pool.acquire(Duration.ofSeconds(5));
        } catch (PoolConnectException e) {
            return e;
        }
        throw new AssertionError("expected a PoolConnectException");
    }

    @Test
    void waitersThatNeedANewConnectionFailFastWhenConnectsStartBackingOff() throws Exception {
        pool(Pools.manual("waiters-backoff").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Lease<Conn>> first = queuedCaller();
        CompletableFuture<Lease<Conn>> second = queuedCaller();
        connector.failWith = new IOException("target went away");
        long t0 = System.nanoTime();
        held.invalidate(); // the first waiter gets the capacity, connects and fails

        assertThatThrownBy(() -> first.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PoolConnectException.class);
        assertThatThrownBy(() -> second.get(30, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(PoolBackoffException.class).hasMessageContaining("target went away");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(15)); // not their 30 s deadline
        assertThat(connector.connectAttempts).hasValue(2); // the first connect and the one failed attempt
        assertThat(pool.stats().pendingWaiters()).isZero();
        assertThat(pool.stats().opening()).isZero();
    }

    @Test
    void aConnectorReturningNullIsAConnectFailure() {
        pool = ConnectionPool.create(new Connector<Conn>() {
            @Override
            public Conn connect(Duration timeout) {
                return null;
            }

            @Override
            public void close(Conn c) {
            }
        }, Pools.manual("null").build());
        assertThatThrownBy(() -> pool.acquire()).isInstanceOf(PoolConnectException.class)
                .hasRootCauseInstanceOf(NullPointerException.class);
        assertThat(pool.stats().opening()).isZero();
    }
}
