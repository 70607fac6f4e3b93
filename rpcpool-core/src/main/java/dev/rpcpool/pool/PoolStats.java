package dev.rpcpool.pool;

import java.time.Duration;

/**
 * A snapshot of a pool's state and counters, from {@link ConnectionPool#stats()}. The gauges are read
 * without locking, so under concurrent use they are each exact but not mutually consistent.
 *
 * <p>Thread-safety: immutable.
 *
 * @param pool the pool's name
 * @param maxConnections the configured cap
 * @param open connections open (usable, leased, or being validated)
 * @param opening connections being opened (they count against the cap)
 * @param idle open connections with no lease
 * @param leased leases outstanding (with shared connections, may exceed {@code open})
 * @param pendingWaiters callers waiting for a lease
 * @param created connections opened since the pool started
 * @param closed connections closed since the pool started
 * @param timedOutAcquires acquires that gave up at their deadline
 * @param connectFailures failed connect attempts
 * @param waitedAcquires acquires that had to wait in the queue
 * @param totalAcquireWaitNanos total time those acquires waited
 */
public record PoolStats(
        String pool,
        int maxConnections,
        int open,
        int opening,
        int idle,
        int leased,
        int pendingWaiters,
        long created,
        long closed,
        long timedOutAcquires,
        long connectFailures,
        long waitedAcquires,
        long totalAcquireWaitNanos) {

    /** Total time acquires spent waiting in the queue. */
    public Duration totalAcquireWait() {
        return Duration.ofNanos(totalAcquireWaitNanos);
    }

    /** A short human-readable state, as used in exception messages. */
    public String describe() {
        return "open=" + open + ", opening=" + opening + ", idle=" + idle + ", leased=" + leased
                + ", waiting=" + pendingWaiters + ", max=" + maxConnections;
    }
}
