package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A connect started for a caller whose deadline is shorter than the connect outlives that caller. */
@Timeout(30)
class LateConnectTest {

    /** Connects complete only when the test says so. */
    static final class ManualAsyncConnector implements AsyncConnector<Object> {
        final List<CompletableFuture<Object>> pending = new CopyOnWriteArrayList<>();
        final List<Duration> timeouts = new CopyOnWriteArrayList<>();
        final AtomicInteger closes = new AtomicInteger();

        @Override
        public CompletableFuture<Object> connectAsync(Duration timeout) {
            timeouts.add(timeout);
            CompletableFuture<Object> f = new CompletableFuture<>();
            pending.add(f);
            return f;
        }

        @Override
        public Object connect(Duration timeout) {
            throw new AssertionError("the pool must use connectAsync for a caller with a short deadline");
        }

        @Override
        public void close(Object connection) {
            closes.incrementAndGet();
        }
    }

    private final ManualAsyncConnector connector = new ManualAsyncConnector();

    private ConnectionPool<Object> pool(int maxConnections) {
        return ConnectionPool.create(connector, Pools.manual("late").maxConnections(maxConnections)
                .connectTimeout(Duration.ofSeconds(10))
                // long enough that the back-off is still on when the test looks, however slow the machine
                .backoffBase(Duration.ofSeconds(20)).backoffMax(Duration.ofSeconds(20)).build());
    }

    @Test
    void aConnectThatOutlivesItsCallerJoinsThePoolForTheNextCaller() {
        try (ConnectionPool<Object> pool = pool(1)) {
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(50))).isInstanceOf(PoolTimeoutException.class);
            assertThat(connector.timeouts).as("the connect gets the full connect timeout, not the caller's 50 ms")
                    .containsExactly(Duration.ofSeconds(10));
            assertThat(pool.stats().opening()).as("still counted against the cap while it runs").isEqualTo(1);

            Object conn = new Object();
            connector.pending.get(0).complete(conn);

            await().until(() -> pool.stats().idle() == 1); // registered off the completing thread
            try (Lease<Object> lease = pool.acquire(Duration.ZERO)) {
                assertThat(lease.connection()).isSameAs(conn);
            }
            assertThat(connector.pending).as("no second connect").hasSize(1);
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }

    @Test
    void aWaiterQueuedBehindTheCapGetsTheLateConnectionAtOnce() throws Exception {
        try (ConnectionPool<Object> pool = pool(1)) {
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(PoolTimeoutException.class);
            CompletableFuture<Lease<Object>> waiter = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(20)));
            await().until(() -> pool.stats().pendingWaiters() == 1);
            Object conn = new Object();
            connector.pending.get(0).complete(conn);
            Lease<Object> lease = waiter.get();
            assertThat(lease.connection()).isSameAs(conn);
            lease.release();
            assertThat(connector.pending).hasSize(1);
        }
    }

    @Test
    void aLateConnectFailureFreesTheCapacityAndCountsTowardTheBackoff() {
        try (ConnectionPool<Object> pool = pool(1)) {
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(PoolTimeoutException.class);
            connector.pending.get(0).completeExceptionally(new IOException("connection refused"));

            await().until(() -> pool.stats().connectFailures() == 1);
            PoolStats s = pool.stats();
            assertThat(s.opening()).isZero();
            assertThat(s.connectFailures()).isEqualTo(1);
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20)))
                    .as("backing off after the failure: fail fast with its cause")
                    .isInstanceOf(PoolBackoffException.class).hasMessageContaining("connection refused");
        }
    }

    @Test
    void aLateConnectionArrivingAfterCloseIsClosedAndNothingLeaks() {
        ConnectionPool<Object> pool = pool(1);
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(PoolTimeoutException.class);
        pool.close();
        assertThat(pool.terminated()).as("a connect is still running").isNotDone();
        connector.pending.get(0).complete(new Object());
        await().until(() -> pool.terminated().isDone());
        assertThat(connector.closes).hasValue(1);
    }

    @Test
    void aCallerWithTimeToSpareStillGetsTheConnectionItOpened() {
        try (ConnectionPool<Object> pool = pool(2)) {
            CompletableFuture<Lease<Object>> caller = CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(5)));
            await().until(() -> connector.pending.size() == 1);
            Object conn = new Object();
            connector.pending.get(0).complete(conn);
            Lease<Object> lease = caller.join();
            assertThat(lease.connection()).isSameAs(conn);
            assertThat(pool.stats().leased()).isEqualTo(1);
            lease.release();
        }
    }
}
