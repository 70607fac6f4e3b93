package dev.rpcpool.bench.pool;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The pool most tutorials write first, the Java twin of a Go buffered channel of connections:
 * take an idle object if there is one, else create one while under the cap, else wait for one
 * with a timeout; give it back with {@code offer}. Built on {@link ArrayBlockingQueue}, so every
 * operation takes the queue's single lock.
 */
final class BlockingQueueDriver implements PoolDriver {
    private final ArrayBlockingQueue<Conn> idle;
    private final AtomicInteger created = new AtomicInteger();
    private final int cap;

    BlockingQueueDriver(int size) throws InterruptedException {
        cap = size;
        idle = new ArrayBlockingQueue<>(size);
        // Create every object now, through the normal path, so no contender pays creation in the run.
        Conn[] all = new Conn[size];
        for (int i = 0; i < size; i++) {
            all[i] = acquire();
        }
        for (Conn conn : all) {
            release(conn);
        }
    }

    private Conn acquire() throws InterruptedException {
        Conn conn = idle.poll();
        if (conn != null) {
            return conn;
        }
        int n = created.get();
        while (n < cap) {
            if (created.compareAndSet(n, n + 1)) {
                return new Conn(n);
            }
            n = created.get();
        }
        conn = idle.poll(ACQUIRE_TIMEOUT_SECONDS, ACQUIRE_TIMEOUT_UNIT);
        if (conn == null) {
            throw new IllegalStateException("queue pool acquire timed out");
        }
        return conn;
    }

    private void release(Conn conn) {
        if (!idle.offer(conn)) {
            // Cannot happen with at most cap objects in existence; a real pool would close it here.
            created.decrementAndGet();
        }
    }

    @Override
    public int cycle() throws InterruptedException {
        Conn conn = acquire();
        try {
            return conn.id();
        } finally {
            release(conn);
        }
    }

    @Override
    public void close() {
        idle.clear();
    }
}
