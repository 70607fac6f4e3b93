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
