package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.PoolClosedException;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.pool.modelcheck.InMemoryConnector.Conn;
import java.time.Duration;
import java.util.function.Function;
import org.jetbrains.lincheck.datastructures.Validate;

/**
 * What the steps of a model-checked history do, on a pool of {@link #MAX_CONNECTIONS} in-memory
 * connections; subclasses pick the steps (their {@code @Operation}s) and {@link PoolModel} is the
 * sequential specification. Results are words, so that a history is linearizable only if every
 * outcome (leased, timed out, closed...) matches one sequential order of the steps. A connection
 * handed to a second holder answers {@link #DOUBLE_HAND_OUT}, which the model never does.
 *
 * <p>Lincheck makes a fresh instance (so a fresh pool) for every run of a history.
 */
public abstract class PoolOperations {
    static final int MAX_CONNECTIONS = 2;
    /**
     * A bounded wait, in reads of the {@link TickingClock} by the waiting thread: more than an
     * acquire makes before it connects (so one with capacity never times out), few enough that a
     * waiter nobody serves gives up after a few turns of its loop.
     */
    static final Duration WAIT = Duration.ofNanos(5 * TickingClock.TICK_NANOS);

    static final String LEASED = "leased";
    static final String TIMED_OUT = "timed out";
    static final String CLOSED = "closed";
    static final String RELEASED = "released";
    static final String INVALIDATED = "invalidated";
    static final String NOTHING_HELD = "nothing held";
    static final String DOUBLE_HAND_OUT = "handed out twice";

    private final InMemoryConnector connector = new InMemoryConnector();
    /** The two holders; each one's steps form a Lincheck non-parallel group, so run on one thread. */
    final HeldLeases a = new HeldLeases();
    final HeldLeases b = new HeldLeases();
    private final LeaseSource pool;

    PoolOperations(Function<InMemoryConnector, LeaseSource> pools) {
        this.pool = pools.apply(connector);
    }

    /** Opens every connection the pool may have and leaves them idle. */
    final void fill() {
        Lease<?>[] all = new Lease<?>[MAX_CONNECTIONS];
        for (int i = 0; i < MAX_CONNECTIONS; i++) {
            all[i] = pool.acquire(WAIT);
        }
        for (Lease<?> lease : all) {
            lease.release();
        }
    }

    /** Acquire only if an idle connection is there now (zero timeout: no time to connect). */
    String acquireNow(HeldLeases holder) {
        return acquire(holder, Duration.ZERO);
    }

    /** The non-blocking acquire: an idle connection now, or nothing (reported as a timeout). */
    String tryAcquire(HeldLeases holder) {
        Lease<Conn> lease;
        try {
            lease = pool.tryAcquire();
        } catch (PoolClosedException e) {
            return CLOSED;
        }
        return lease == null ? TIMED_OUT : hold(holder, lease);
    }

    /** Acquire, waiting a little for a release. */
    String acquireWithin(HeldLeases holder) {
        return acquire(holder, WAIT);
    }

    String release(HeldLeases holder) {
        Lease<Conn> lease = holder.take();
        if (lease == null) {
            return NOTHING_HELD;
        }
        lease.connection().holders.decrementAndGet(); // before the pool can hand it to someone else
        lease.release();
        return RELEASED;
    }

    /** Mark a held connection broken. */
    String invalidate(HeldLeases holder) {
        Lease<Conn> lease = holder.take();
        if (lease == null) {
            return NOTHING_HELD;
        }
        lease.connection().holders.decrementAndGet();
        lease.invalidate();
        return INVALIDATED;
    }

    String close() {
        pool.close();
        return CLOSED;
    }

    private String acquire(HeldLeases holder, Duration timeout) {
        Lease<Conn> lease;
        try {
            lease = pool.acquire(timeout);
        } catch (PoolTimeoutException e) {
            return TIMED_OUT;
        } catch (PoolClosedException e) {
            return CLOSED;
        }
        return hold(holder, lease);
    }

    private static String hold(HeldLeases holder, Lease<Conn> lease) {
        if (lease.connection().holders.incrementAndGet() != 1) {
            return DOUBLE_HAND_OUT;
        }
        holder.add(lease);
        return LEASED;
    }

    /**
     * After every history: no capacity was lost (with the leases ended, all of it can be acquired
     * again at once) and every connection is closed exactly once when the pool is closed.
     */
    @Validate
    public void noCapacityLostAndNothingLeftOpen() {
        for (HeldLeases holder : new HeldLeases[] {a, b}) {
            while (!NOTHING_HELD.equals(release(holder))) {
                // end every lease the history left held
            }
        }
        try {
            fill();
        } catch (PoolClosedException closed) {
            // nothing to take again; what follows checks that nothing is left open
        } catch (PoolTimeoutException lost) {
            throw new AssertionError("capacity lost: " + MAX_CONNECTIONS + " connections could not all be acquired"
                    + " after every lease ended", lost);
        }
        pool.close();
        if (connector.live() != 0 || !pool.isTerminated()) {
            throw new AssertionError(connector.live() + " connections left open after close()");
        }
        if (connector.closedTwice() != 0) {
            throw new AssertionError(connector.closedTwice() + " connections closed twice");
        }
    }
}
