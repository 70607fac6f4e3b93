package dev.rpcpool.pool.internal;

import dev.rpcpool.pool.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lease on one {@link Entry}. In exclusive mode each entry owns one instance (a {@link SoleLease}),
 * re-activated on every hand-out so that acquiring allocates nothing; in shared mode each acquire
 * makes a new one. Its own
 * CAS state catches a second release without touching the entry's count.
 *
 * <p>Thread-safety: thread-safe.
 */
sealed class PoolLease<C> implements Lease<C> permits SoleLease {
    private static final int ACTIVE = 0;
    private static final int RELEASED = 1;
    private static final int INVALIDATED = 2;

    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(PoolLease.class, "state", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final PoolEngine<C> pool;
    final Entry<C> entry;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RELEASED;
    /** Leak detection only: when and where the lease was acquired, and whether it was reported. */
    long acquiredAt;
    Throwable acquireSite;
    volatile boolean leakReported;

    PoolLease(PoolEngine<C> pool, Entry<C> entry) {
        this.pool = pool;
        this.entry = entry;
    }

    void activate() {
        STATE.setRelease(this, ACTIVE); // the entry CAS that claimed it already fenced; only order after it
    }

    @Override
    public C connection() {
        if ((int) STATE.getVolatile(this) != ACTIVE) {
            throw new IllegalStateException("Lease on " + entry + " of pool '" + pool.name()
                    + "' has ended; do not use a connection after release() or invalidate()");
        }
        return entry.connection;
    }

    @Override
    public long connectionId() {
        return entry.id;
    }

    @Override
    public void release() {
        if (entry.soleLease == this) {
            // Exclusive: the holder alone ends this lease, so a plain check catches a second release
            // (the common mistake) without a CAS; even two racing releases cannot corrupt the count,
            // which the entry's own CAS keeps from going below zero.
            if ((int) STATE.getAcquire(this) != ACTIVE) {
                throw ended("release");
            }
            STATE.setRelease(this, RELEASED);
        } else if (!STATE.compareAndSet(this, ACTIVE, RELEASED)) {
            throw ended("release"); // shared: each release takes one count, so exactly one may win
        }
        pool.release(this);
    }

    @Override
    public void invalidate() {
        if (STATE.compareAndSet(this, ACTIVE, INVALIDATED)) {
            pool.invalidate(this);
        } else if ((int) STATE.getVolatile(this) != INVALIDATED) {
            throw ended("invalidate");
        }
    }

    @Override
    public void close() {
        if ((int) STATE.getVolatile(this) != INVALIDATED) {
            release();
        }
    }

    private IllegalStateException ended(String op) {
        boolean invalidated = (int) STATE.getVolatile(this) == INVALIDATED;
        return new IllegalStateException("Cannot " + op + " the lease on " + entry + " of pool '" + pool.name()
                + "': it was already " + (invalidated ? "invalidated" : "released")
                + ". You most likely ended the same lease twice (e.g. release() and then close() in try-with-resources);"
                + " end each lease exactly once");
    }

    @Override
    public String toString() {
        return "Lease{" + entry + ", pool=" + pool.name() + "}";
    }
}
