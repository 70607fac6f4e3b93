package dev.rpcpool.pool.internal;

import dev.rpcpool.pool.Lease;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A lease on one {@link Entry}. Acquiring allocates nothing once warm: in exclusive mode each entry
 * owns one instance (a {@link SoleLease}), re-activated on every hand-out; in shared mode a released
 * lease detaches from its entry and pool and is parked in the acquiring thread's {@link ClaimHint},
 * to be bound to whatever entry that thread acquires next (a new one is made only when no spare is
 * parked, or when leak detection watches leases). Its own CAS state catches a second release
 * without touching the entry's count, for as long as the object has not been handed out again.
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

    // Not final: a shared-mode lease is rebound on reuse (published by its state's release store)
    // and detached while parked, so that a parked spare keeps neither its pool nor a connection alive.
    private PoolEngine<C> pool;
    Entry<C> entry;
    /** Where to park this object when it is released; null when it is not to be reused. */
    private ClaimHint home;
    /** For messages, also after detaching. */
    private String poolName;
    private long connectionId;
    @SuppressWarnings("unused") // accessed through STATE
    private volatile int state = RELEASED;
    /** Leak detection only: when and where the lease was acquired, and whether it was reported. */
    long acquiredAt;
    Throwable acquireSite;
    volatile boolean leakReported;

    PoolLease(PoolEngine<C> pool, Entry<C> entry, ClaimHint home) {
        bind(pool, entry, home);
    }

    /** Points this (ended or new) lease at an entry; {@link #activate()} then hands it out. */
    void bind(PoolEngine<C> pool, Entry<C> entry, ClaimHint home) {
        this.pool = pool;
        this.entry = entry;
        this.home = home;
        this.poolName = pool.name();
        this.connectionId = entry.id;
    }

    void activate() {
        STATE.setRelease(this, ACTIVE); // the entry CAS that claimed it already fenced; only order after it
    }

    @Override
    public C connection() {
        Entry<C> e = entry;
        if ((int) STATE.getVolatile(this) != ACTIVE || e == null) {
            throw new IllegalStateException("Lease on connection #" + connectionId + " of pool '" + poolName
                    + "' has ended; do not use a connection after release() or invalidate()");
        }
        return e.connection;
    }

    @Override
    public long connectionId() {
        return connectionId;
    }

    @Override
    public void release() {
        if (this instanceof SoleLease) {
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
        ClaimHint h = home;
        if (h != null) {
            pool = null;
            entry = null;
            home = null;
            h.offerSpare(this); // a release store: the owner that takes it sees the fields cleared
        }
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
        return new IllegalStateException("Cannot " + op + " the lease on connection #" + connectionId + " of pool '" + poolName
                + "': it was already " + (invalidated ? "invalidated" : "released")
                + ". You most likely ended the same lease twice (e.g. release() and then close() in try-with-resources);"
                + " end each lease exactly once");
    }

    @Override
    public String toString() {
        return "Lease{connection #" + connectionId + ", pool=" + poolName + "}";
    }
}
