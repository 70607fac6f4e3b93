package dev.rpcpool.pool;

import java.time.Duration;

/**
 * Receives pool events, for metrics or logging. Every method has a no-op default, so implement only
 * what you need.
 *
 * <p>Threading: methods are called on whichever pool or caller thread caused the event, never while
 * a pool lock is held. They must be fast and thread-safe; an exception thrown by a listener is
 * logged and otherwise ignored.
 */
public interface PoolListener {

    /** A listener that ignores every event. */
    PoolListener NOOP = new PoolListener() { };

    /** A connection was opened. */
    default void connectionCreated(String pool, long connectionId, Duration connectTime) { }

    /** A connection was closed. */
    default void connectionClosed(String pool, long connectionId, CloseReason reason) { }

    /** An acquire gave up at its deadline. */
    default void acquireTimedOut(String pool, Duration waited) { }

    /** A connect attempt failed; the next one is allowed after {@code nextAttemptIn}. */
    default void connectFailed(String pool, Throwable cause, Duration nextAttemptIn) { }

    /**
     * A lease has been held longer than {@link PoolConfig#leakDetectionThreshold()}; reported once
     * per lease. {@code acquiredAt}'s stack trace shows where it was acquired.
     */
    default void leaseHeldTooLong(String pool, long connectionId, Duration heldFor, Throwable acquiredAt) { }
}
