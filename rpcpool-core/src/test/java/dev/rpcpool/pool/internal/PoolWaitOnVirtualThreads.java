package dev.rpcpool.pool.internal;

import dev.rpcpool.pool.Connector;
import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.PoolConfig;
import dev.rpcpool.pool.PoolTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a Java 21+ JVM by {@link PoolWaiterVirtualThreadTest}: with the pool's one connection
 * leased, a waiter on a virtual thread parks without polling for a grant, and then a platform
 * waiter polls (a poll that finds nothing makes the next waits skip polling, which is what is read).
 * Prints what it saw; exits 0 if both behaved so, 1 if not.
 */
public final class PoolWaitOnVirtualThreads {
    private PoolWaitOnVirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        Connector<Object> connector = new Connector<>() {
            @Override
            public Object connect(Duration timeout) {
                return new Object();
            }

            @Override
            public void close(Object connection) {
            }
        };
        PoolEngine<Object> engine = new PoolEngine<>(connector,
                PoolConfig.builder("vt-waiters").maxConnections(1).maintenanceInterval(Duration.ZERO).build());
        Lease<Object> held = engine.acquire(TimeUnit.SECONDS.toNanos(5));
        String virtual = waitOnce(engine, true); // first: nothing has polled yet
        String platform = waitOnce(engine, false);
        held.release();
        engine.close();
        System.out.println("virtual: " + virtual);
        System.out.println("platform: " + platform);
        System.exit(virtual.equals("did not poll, timed out") && platform.equals("polled, timed out") ? 0 : 1);
    }

    /** One acquire that must wait 30 ms and time out, on a virtual or a platform thread. */
    private static String waitOnce(PoolEngine<Object> engine, boolean virtual) throws Exception {
        int skipsBefore = engine.pollSkips;
        AtomicReference<String> outcome = new AtomicReference<>();
        Runnable body = () -> {
            try {
                engine.acquire(TimeUnit.MILLISECONDS.toNanos(30)).release();
                outcome.set("got a lease");
            } catch (PoolTimeoutException e) {
                outcome.set("timed out");
            } catch (RuntimeException e) {
                outcome.set(e.toString());
            }
        };
        Thread t = virtual ? (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body)
                : new Thread(body);
        if (!virtual) {
            t.start();
        }
        t.join(10_000);
        // a poll that found nothing sets the skip count; a wait that did not poll leaves it as it was
        return (engine.pollSkips > skipsBefore ? "polled" : "did not poll") + ", " + outcome.get();
    }
}
