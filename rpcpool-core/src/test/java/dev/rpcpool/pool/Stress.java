package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;

/** Runs a body on many threads started together and reports what they threw. */
final class Stress {
    private Stress() {
    }

    interface Body {
        void run(int thread) throws Exception;
    }

    /** Starts {@code n} threads, joins them within {@code joinMillis}, and fails on any error or hang. */
    static void run(int n, long joinMillis, Body body) throws InterruptedException {
        CountDownLatch start = new CountDownLatch(1);
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int id = i;
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    body.run(id);
                } catch (Throwable e) {
                    errors.add(e);
                }
            }, "stress-" + i);
            t.start();
            threads.add(t);
        }
        start.countDown();
        long deadline = System.currentTimeMillis() + joinMillis;
        for (Thread t : threads) {
            t.join(Math.max(1, deadline - System.currentTimeMillis()));
        }
        assertThat(threads).as("threads still running (hang)").noneMatch(Thread::isAlive);
        assertThat(errors).as("unexpected exceptions").isEmpty();
    }
}
