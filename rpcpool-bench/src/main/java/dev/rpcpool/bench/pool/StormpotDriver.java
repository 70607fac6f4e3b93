package dev.rpcpool.bench.pool;

import java.util.concurrent.atomic.AtomicInteger;
import stormpot.Allocator;
import stormpot.Expiration;
import stormpot.Pool;
import stormpot.Pooled;
import stormpot.Slot;
import stormpot.Timeout;

/**
 * Stormpot's default (threaded) pool, built as its documentation shows:
 * {@code Pool.from(allocator).setSize(n).build()}, then {@code claim(timeout)} and
 * {@code release()}. Objects never expire, as none of the other contenders expire them either.
 */
final class StormpotDriver implements PoolDriver {
    private final Pool<Pooled<Conn>> pool;
    // Created once, so each cycle measures the claim itself and not building its argument.
    private final Timeout timeout = new Timeout(ACQUIRE_TIMEOUT_SECONDS, ACQUIRE_TIMEOUT_UNIT);

    StormpotDriver(int size) throws InterruptedException {
        pool = Pool.from(new ConnAllocator())
                .setSize(size)
                .setExpiration(Expiration.never())
                .build();
        waitUntilFull(size);
    }

    /** The background allocator fills the pool asynchronously; claim every object once so all exist. */
    private void waitUntilFull(int size) throws InterruptedException {
        @SuppressWarnings("unchecked")
        Pooled<Conn>[] held = new Pooled[size];
        for (int i = 0; i < size; i++) {
            held[i] = pool.claim(timeout);
            if (held[i] == null) {
                throw new IllegalStateException("Stormpot did not allocate " + size + " objects in time");
            }
        }
        for (Pooled<Conn> p : held) {
            p.release();
        }
    }

    @Override
    public int cycle() throws Exception {
        Pooled<Conn> pooled = pool.claim(timeout);
        if (pooled == null) {
            throw new IllegalStateException("Stormpot claim timed out");
        }
        try {
            return pooled.object.id();
        } finally {
            pooled.release();
        }
    }

    @Override
    public void close() throws InterruptedException {
        pool.shutdown().await(new Timeout(ACQUIRE_TIMEOUT_SECONDS, ACQUIRE_TIMEOUT_UNIT));
    }

    /** Wraps each new {@link Conn} in Stormpot's stock {@link Pooled} holder. */
    private static final class ConnAllocator implements Allocator<Pooled<Conn>> {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Pooled<Conn> allocate(Slot slot) {
            return new Pooled<>(slot, new Conn(created.getAndIncrement()));
        }

        @Override
        public void deallocate(Pooled<Conn> poolable) {
            // nothing to free: a Conn holds no resources
        }
    }
}
