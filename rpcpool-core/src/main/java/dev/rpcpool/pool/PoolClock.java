package dev.rpcpool.pool;

/**
 * The pool's only source of time, so that tests of idle eviction, lifetime and back-off can move
 * time forward instead of sleeping. Values are nanoseconds from an arbitrary origin, compared by
 * subtraction like {@link System#nanoTime()}.
 *
 * <p>Thread-safety: implementations must be thread-safe and cheap; the pool calls {@link #nanoTime()}
 * on hot paths. Waiting for a lease always parks in real time, so a test clock that never moves
 * must not be combined with acquires that wait.
 */
@FunctionalInterface
public interface PoolClock {

    /** The system clock: {@link System#nanoTime()}. */
    PoolClock SYSTEM = System::nanoTime;

    /** The current time in nanoseconds. */
    long nanoTime();
}
