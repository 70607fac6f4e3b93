package dev.rpcpool.bench.pool;

import com.zaxxer.hikari.util.ConcurrentBag;
import com.zaxxer.hikari.util.ConcurrentBag.IConcurrentBagEntry;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;

/**
 * HikariCP's {@link ConcurrentBag}, the structure at the heart of its connection pool, used
 * directly: entries implement {@link IConcurrentBagEntry}, the bag is filled with {@code add},
 * and each cycle is {@code borrow(timeout)} then {@code requite}. The pool has a fixed size, so
 * the bag's "please add an item" callback does nothing: a waiting borrower gets the next requited
 * entry through the bag's hand-off queue.
 */
final class HikariBagDriver implements PoolDriver {
    private final ConcurrentBag<Entry> bag;

    HikariBagDriver(int size) {
        bag = new ConcurrentBag<>(waiting -> { });
        for (int i = 0; i < size; i++) {
            bag.add(new Entry(new Conn(i)));
        }
    }

    @Override
    public int cycle() throws Exception {
        Entry entry = bag.borrow(ACQUIRE_TIMEOUT_SECONDS, ACQUIRE_TIMEOUT_UNIT);
        if (entry == null) {
            throw new IllegalStateException("ConcurrentBag borrow timed out");
        }
        try {
            return entry.conn.id();
        } finally {
            bag.requite(entry);
        }
    }

    @Override
    public void close() throws Exception {
        bag.close();
    }

    /** A bag entry: the object plus the state word the bag compares-and-sets. */
    static final class Entry implements IConcurrentBagEntry {
        private static final AtomicIntegerFieldUpdater<Entry> STATE =
                AtomicIntegerFieldUpdater.newUpdater(Entry.class, "state");

        final Conn conn;
        private volatile int state = STATE_NOT_IN_USE;

        Entry(Conn conn) {
            this.conn = conn;
        }

        @Override
        public boolean compareAndSet(int expect, int update) {
            return STATE.compareAndSet(this, expect, update);
        }

        @Override
        public void setState(int update) {
            state = update;
        }

        @Override
        public int getState() {
            return state;
        }
    }
}
