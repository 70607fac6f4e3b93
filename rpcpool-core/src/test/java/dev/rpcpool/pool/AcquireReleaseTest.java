package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Points 1–3: the cap, acquire (reuse, create, wait in order, timeout) and release. */
class AcquireReleaseTest extends PoolTestSupport {
    @Test
    void idleConnectionsAreReusedMostRecentlyReleasedFirst() {
        pool(Pools.manual("lifo").clock(clock).maxConnections(3));
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        Lease<Conn> c = pool.acquire();
        Conn ca = a.connection();
        Conn cb = b.connection();
        Conn cc = c.connection();
        a.release();
        clock.advance(Duration.ofMillis(1));
        c.release();
        clock.advance(Duration.ofMillis(1));
        b.release();

        Lease<Conn> first = pool.acquire();
        Lease<Conn> second = pool.acquire();
        Lease<Conn> third = pool.acquire();
        assertThat(List.of(first.connection(), second.connection(), third.connection())).containsExactly(cb, cc, ca);
        assertThat(connector.connectAttempts).hasValue(3);
    }

    @Test
    void aThreadReturnsToTheIdleConnectionItClaimedLastBeforeTheMostRecentlyReleased() throws Exception {
        pool(Pools.manual("affinity").clock(clock).maxConnections(2));
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        Conn ca = a.connection();
        Conn cb = b.connection();
        a.release();
        clock.advance(Duration.ofMillis(1));
        b.release();
        Lease<Conn> mine = pool.acquire(); // claimed from the idle set: this thread's connection is now cb
        assertThat(mine.connection()).isSameAs(cb);

        // another thread takes ca and releases it after cb, so ca is the most recently released
        CompletableFuture<Lease<Conn>> other = CompletableFuture.supplyAsync(pool::acquire);
        Lease<Conn> theirs = other.get(5, TimeUnit.SECONDS);
        assertThat(theirs.connection()).isSameAs(ca);
        mine.release();
        clock.advance(Duration.ofMillis(1));
        theirs.release();

        Lease<Conn> again = pool.acquire();
        assertThat(again.connection()).as("this thread's own idle connection, not the most recently released one")
                .isSameAs(cb);
        again.release();
        assertThat(connector.connectAttempts).hasValue(2);
    }

    @Test
    void aNewConnectionIsOpenedOnlyWhenNoneIsIdle() {
        pool(Pools.manual("reuse").maxConnections(4));
        for (int i = 0; i < 10; i++) {
            pool.acquire().release();
        }
        assertThat(connector.connectAttempts).hasValue(1);
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        assertThat(a.connection()).isNotSameAs(b.connection());
        assertThat(connector.connectAttempts).hasValue(2);
    }

    @Test
    void callersBeyondTheCapWaitAndTimeOutWithTheStateInTheMessage() {
        pool(Pools.manual("10.0.0.7:1234").maxConnections(2));
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();

        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(50)))
                .isInstanceOf(PoolTimeoutException.class)
                .hasMessageContaining("'10.0.0.7:1234'")
                .hasMessageContaining("open=2")
                .hasMessageContaining("leased=2")
                .hasMessageContaining("idle=0")
                .hasMessageContaining("max=2")
                .hasMessageMatching(".*after \\d+ ms.*")
                .satisfies(e -> assertThat(((PoolTimeoutException) e).waited()).isGreaterThanOrEqualTo(Duration.ofMillis(50)));
        assertThat(connector.connectAttempts).hasValue(2);
        assertThat(pool.stats().timedOutAcquires()).isEqualTo(1);
        assertThat(pool.stats().pendingWaiters()).isZero();
        a.release();
        b.release();
    }

    @Test
    void aReleaseHandsTheConnectionToAWaiter() throws Exception {
        pool(Pools.manual("handoff").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Conn> waiter = queuedCallerReleasing();
        Conn c = held.connection();
        held.release();
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isSameAs(c);
        assertThat(pool.stats().waitedAcquires()).isEqualTo(1);
    }

    @Test
    void waitersAreServedInArrivalOrder() throws Exception {
        pool(Pools.manual("fifo").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<Thread> threads = new CopyOnWriteArrayList<>();
        for (int i = 0; i < 6; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                Lease<Conn> l = pool.acquire(Duration.ofSeconds(30));
                order.add(id);
                l.release();
            });
            t.start();
            threads.add(t);
            int expected = i + 1;
            await().until(() -> pool.stats().pendingWaiters() == expected); // queue them one by one
        }
        held.release();
        for (Thread t : threads) {
            t.join(30_000);
        }
        assertThat(order).containsExactly(0, 1, 2, 3, 4, 5);
    }

    @Test
    void aThreadThatJustReleasedDoesNotOvertakeAWaiter() throws Exception {
        pool(Pools.manual("no-barging").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Lease<Conn>> waiter = queuedCaller();
        held.release();
        // the connection went to the waiter, so this caller cannot have it
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(PoolTimeoutException.class);
        waiter.get(30, TimeUnit.SECONDS).release();
    }

    @Test
    void waitersBeyondMaxWaitersFailFast() throws Exception {
        pool(Pools.manual("bounded").maxConnections(1).maxWaiters(1));
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Lease<Conn>> waiter = queuedCaller();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> pool.acquire(Duration.ofSeconds(30)))
                .isInstanceOf(PoolExhaustedException.class)
                .hasMessageContaining("'bounded'")
                .hasMessageContaining("maxWaiters=1");
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(10));
        held.release();
        waiter.get(30, TimeUnit.SECONDS).release();
    }

    @Test
    void zeroTimeoutFailsAtOnceWhenNothingIsFree() {
        pool(Pools.manual("zero").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(PoolTimeoutException.class);
        held.release();
        pool.acquire(Duration.ZERO).release();
    }

    @Test
    void theRemainingDeadlineIsPassedToConnect() {
        pool(Pools.manual("deadline").connectTimeout(Duration.ofSeconds(10)));
        pool.acquire(Duration.ofSeconds(2)).release();
        assertThat(connector.connectTimeouts.get(0)).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(2));
        pool.acquire(Duration.ofSeconds(2)); // reuses
        pool.acquire(Duration.ofMinutes(5)); // connects, capped by connectTimeout
        assertThat(connector.connectTimeouts.get(1)).isEqualTo(Duration.ofSeconds(10));
    }

    @Test
    void anAbsoluteDeadlineBoundsTheWait() {
        pool(Pools.manual("deadline-abs").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        long t0 = System.nanoTime();
        assertThatThrownBy(() -> pool.acquireBefore(System.nanoTime() + Duration.ofMillis(50).toNanos()))
                .isInstanceOf(PoolTimeoutException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThatThrownBy(() -> pool.acquireBefore(System.nanoTime() - 1)).isInstanceOf(PoolTimeoutException.class);
        held.release();
        pool.acquireBefore(System.nanoTime() - 1).release(); // free now: a passed deadline still gets it
    }

    @Test
    void aDoubleReleaseIsReportedClearlyAndCountsStayIntact() {
        pool(Pools.manual("double").maxConnections(2));
        Lease<Conn> lease = pool.acquire();
        lease.release();
        assertThatThrownBy(lease::release)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already released")
                .hasMessageContaining("twice")
                .hasMessageContaining("'double'");
        assertThatThrownBy(lease::close).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lease::invalidate).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(lease::connection).isInstanceOf(IllegalStateException.class);
        PoolStats s = pool.stats();
        assertThat(s.open()).isEqualTo(1);
        assertThat(s.idle()).isEqualTo(1);
        assertThat(s.leased()).isZero();
        // and the pool still hands out exactly two exclusive leases
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        assertThat(a.connection()).isNotSameAs(b.connection());
        assertThatThrownBy(() -> pool.acquire(Duration.ZERO)).isInstanceOf(PoolTimeoutException.class);
    }

    @Test
    void tryWithResourcesReleasesAndIgnoresAnInvalidatedLease() {
        pool(Pools.manual("twr").maxConnections(1));
        try (Lease<Conn> l = pool.acquire()) {
            assertThat(l.connection()).isNotNull();
        }
        assertThat(pool.stats().idle()).isEqualTo(1);
        try (Lease<Conn> l = pool.acquire()) {
            l.invalidate();
            l.invalidate(); // idempotent
        }
        assertThat(pool.stats().open()).isZero();
        assertThat(connector.closes).hasValue(1);
    }

    @Test
    void aFailingConnectorCloseDoesNotEscapeRelease() {
        pool(Pools.manual("close-fails").maxConnections(1));
        connector.failClose = true;
        Lease<Conn> l = pool.acquire();
        l.invalidate();
        assertThat(pool.stats().open()).isZero();
        pool.acquire().release();
    }
}
