package dev.rpcpool.pool.internal;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Connect back-off: after each consecutive failure the next attempt is delayed by
 * {@code min(max, base * 2^(failures-1))}, jittered to a random point in its upper half so that
 * many pools do not retry in lockstep; the first success resets it. Thread-safety: none; guarded by
 * the pool lock.
 */
final class Backoff {
    private final long baseNanos;
    private final long maxNanos;
    private int failures;
    private long nextAttemptAt;
    private Throwable lastCause;

    Backoff(long baseNanos, long maxNanos) {
        this.baseNanos = baseNanos;
        this.maxNanos = maxNanos;
    }

    void onFailure(long now, Throwable cause) {
        failures++;
        lastCause = cause;
        long delay = baseNanos;
        for (int i = 1; i < failures && delay < maxNanos; i++) {
            delay = delay > maxNanos / 2 ? maxNanos : delay * 2;
        }
        delay = Math.min(delay, maxNanos);
        long half = delay / 2;
        nextAttemptAt = now + half + ThreadLocalRandom.current().nextLong(delay - half + 1);
    }

    void onSuccess() {
        failures = 0;
        lastCause = null;
    }

    boolean failing() {
        return failures > 0;
    }

    /** True while failing and the delay since the last failure has not passed. */
    boolean active(long now) {
        return failures > 0 && now - nextAttemptAt < 0;
    }

    long remainingNanos(long now) {
        return failures == 0 ? 0 : Math.max(0, nextAttemptAt - now);
    }

    int failures() {
        return failures;
    }

    Throwable lastCause() {
        return lastCause;
    }
}
