package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Point 10: interrupts. */
@Timeout(60)
class InterruptTest {

    @Test
    void anInterruptedWaiterLeavesThePoolConsistent() throws Exception {
        TestConnector connector = new TestConnector();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector, Pools.manual("interrupt").maxConnections(1).build())) {
            Lease<Conn> held = pool.acquire();
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            AtomicReference<Boolean> flag = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    pool.acquire(Duration.ofSeconds(60));
                } catch (Throwable t) {
                    thrown.set(t);
                    flag.set(Thread.currentThread().isInterrupted());
                }
            });
            waiter.start();
            await().until(() -> pool.stats().pendingWaiters() == 1);
            waiter.interrupt();
            waiter.join(30_000);
            assertThat(thrown.get()).isInstanceOf(PoolInterruptedException.class).hasMessageContaining("'interrupt'");
            assertThat(flag.get()).isTrue();
            assertThat(pool.stats().pendingWaiters()).isZero();
            held.release();
            Lease<Conn> again = pool.acquire(Duration.ZERO); // capacity not lost
            assertThat(again.connection()).isSameAs(connector.made.get(0));
            again.release();
        }
    }

    @Test
    void aWaiterInterruptedJustAsItIsGrantedAConnectionHandsItOn() throws Exception {
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        AtomicReference<Lease<Conn>> held = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean armed = new java.util.concurrent.atomic.AtomicBoolean(true);
        // On the waiter's thread, once it is queued and about to park: grant it the connection and
        // interrupt it, so it wakes up both granted and interrupted.
        PoolClock clock = () -> {
            if (Thread.currentThread() == waiterThread.get() && calledFromAwait()
                    && armed.compareAndSet(true, false)) {
                Thread.currentThread().interrupt();
                held.get().release();
            }
            return System.nanoTime();
        };
        TestConnector connector = new TestConnector();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                Pools.manual("granted-and-interrupted").clock(clock).maxConnections(1).build())) {
            held.set(pool.acquire());
            AtomicReference<Throwable> thrown = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    pool.acquire(Duration.ofSeconds(60)).release();
                } catch (Throwable t) {
                    thrown.set(t);
                }
            });
            waiterThread.set(waiter);
            waiter.start();
            waiter.join(30_000);
            assertThat(armed).isFalse();
            assertThat(thrown.get()).isInstanceOf(PoolInterruptedException.class);
            PoolStats s = pool.stats();
            assertThat(s.leased()).isZero();
            assertThat(s.idle()).isEqualTo(1);
            pool.acquire(Duration.ZERO).release();
        }
    }

    @Test
    void aWaiterGrantedAConnectionJustAsItsDeadlinePassesTakesIt() throws Exception {
        AtomicReference<Thread> waiterThread = new AtomicReference<>();
        AtomicReference<Lease<Conn>> held = new AtomicReference<>();
        java.util.concurrent.atomic.AtomicLong skew = new java.util.concurrent.atomic.AtomicLong();
        // On the waiter's thread, once it is queued: grant it the connection and jump past its deadline.
        PoolClock clock = () -> {
            if (Thread.currentThread() == waiterThread.get() && calledFromAwait()
                    && skew.get() == 0) {
                skew.set(Duration.ofHours(1).toNanos());
                held.get().release();
            }
            return System.nanoTime() + skew.get();
        };
        TestConnector connector = new TestConnector();
        try (ConnectionPool<Conn> pool = ConnectionPool.create(connector,
                Pools.manual("granted-at-deadline").clock(clock).maxConnections(1).maxLifetime(Duration.ZERO).build())) {
            held.set(pool.acquire());
            AtomicReference<Object> result = new AtomicReference<>();
            Thread waiter = new Thread(() -> {
                try {
                    Lease<Conn> l = pool.acquire(Duration.ofSeconds(60));
                    result.set(l.connection());
                    l.release();
                } catch (Throwable t) {
                    result.set(t);
                }
            });
            waiterThread.set(waiter);
            waiter.start();
            waiter.join(30_000);
            assertThat(result.get()).isSameAs(connector.made.get(0));
            assertThat(pool.stats().leased()).isZero();
            assertThat(pool.stats().timedOutAcquires()).isZero();
        }
    }

    /** True when the pool reads the clock from its wait loop: the waiter is queued and about to park. */
    private static boolean calledFromAwait() {
        return StackWalker.getInstance().walk(frames -> frames.skip(2).findFirst())
                .map(f -> f.getMethodName().equals("await")).orElse(false);
    }

    @Test
    void anAlreadyInterruptedCallerStillGetsAnIdleConnection() {
        try (ConnectionPool<Conn> pool = ConnectionPool.create(new TestConnector(), Pools.manual("pre-interrupted").build())) {
            pool.acquire().release();
            Thread.currentThread().interrupt();
            try {
                pool.acquire().release(); // the fast path does not wait, so it does not look at the flag
                assertThat(Thread.currentThread().isInterrupted()).isTrue();
            } finally {
                Thread.interrupted();
            }
        }
    }
}
