package dev.rpcpool.pool.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * One thread's memory of one pool: where in the entry array its last fast-path claim was, and (in
 * shared mode) a spare lease object to reuse instead of allocating one per acquire.
 *
 * <p>It never keeps a connection or its pool reachable: the index is an index, not an entry, and a
 * spare lease has dropped its entry and pool before it is parked here. That matters because the
 * hint is a {@link ThreadLocal} value of the pool: a value that referenced its pool would keep the
 * pool's thread-local key, and the pool, alive as long as the thread lives.
 *
 * <p>Thread-safety: {@code index} and {@link #takeSpare()} belong to the owning thread;
 * {@link #offerSpare} may be called from any thread (a lease is often released on another thread
 * than the one that acquired it). A race between the two can only drop a spare, never hand one
 * lease object to two holders: a lease is offered once per release, and taken only by the owner.
 */
final class ClaimHint {
    private static final VarHandle SPARE;

    static {
        try {
            SPARE = MethodHandles.lookup().findVarHandle(ClaimHint.class, "spare", PoolLease.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Index into the pool's entries of the last claim; -1 for none. Owner thread only. */
    int index = -1;
    @SuppressWarnings("unused") // accessed through SPARE
    private PoolLease<?> spare;

    /** Owner thread only: the parked spare, if any, now no longer parked. */
    @SuppressWarnings("unchecked")
    <C> PoolLease<C> takeSpare() {
        PoolLease<C> lease = (PoolLease<C>) SPARE.getAcquire(this);
        if (lease != null) {
            SPARE.setRelease(this, null);
        }
        return lease;
    }

    /** Any thread: parks an ended, detached lease for the owner's next acquire, unless one is parked. */
    void offerSpare(PoolLease<?> lease) {
        if (SPARE.getAcquire(this) == null) {
            SPARE.setRelease(this, lease);
        }
    }
}
