package dev.rpcpool.pool.internal;

import dev.rpcpool.pool.CloseReason;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One pooled connection and its state machine. {@code state} is the number of leases (0 = idle), or
 * {@link #RESERVED} (held alone by one thread, to validate it), or {@link #DEAD} (closing or
 * closed; terminal). All transitions are CAS, so claiming a lease never takes a lock:
 * <pre>
 *   0 ─claim─▶ 1 … k ─release─▶ 0        0 ─reserve─▶ RESERVED ─validated─▶ 1
 *   any ─invalidate/force─▶ DEAD         0 ─evict/retire─▶ DEAD
 * </pre>
 * Whoever moves an entry to {@code DEAD} owns closing it and freeing its capacity, exactly once.
 *
 * <p>Thread-safety: thread-safe.
 */
final class Entry<C> extends CacheLinePadding {
    static final int DEAD = -1;
    static final int RESERVED = -2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(Entry.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    final long id;
    final C connection;
    final long createdAt;
    final long expiresAt;
    /** Exclusive mode reuses this lease object so that acquiring allocates nothing; null when shared. */
    final PoolLease<C> soleLease;

    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state;
    /** Clock time of the last release (creation at first): idle time and LIFO order. */
    volatile long lastUsed;
    /** Set once the entry must not be handed out again; it is closed when its last lease ends. */
    volatile boolean retired;
    volatile CloseReason retireReason;

    Entry(long id, C connection, long createdAt, long expiresAt, int initialState, PoolEngine<C> pool, boolean exclusive) {
        this.id = id;
        this.connection = connection;
        this.createdAt = createdAt;
        this.expiresAt = expiresAt;
        this.lastUsed = createdAt;
        this.soleLease = exclusive ? new SoleLease<>(pool, this) : null;
        STATE.setVolatile(this, initialState);
    }

    int state() {
        return (int) STATE.getVolatile(this);
    }

    boolean cas(int expect, int update) {
        return STATE.compareAndSet(this, expect, update);
    }

    void setState(int value) {
        STATE.setVolatile(this, value);
    }

    /** Moves to DEAD from any state; returns the previous state (DEAD if someone else won). */
    int kill() {
        return (int) STATE.getAndSet(this, DEAD);
    }

    /** Marks the entry to be closed when idle; the reason set first wins. */
    void retire(CloseReason reason) {
        if (!retired) {
            retireReason = reason;
            retired = true;
        }
    }

    @Override
    public String toString() {
        return "connection #" + id;
    }
}
