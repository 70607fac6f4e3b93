package dev.rpcpool.pool;

import java.time.Duration;

/**
 * Fail-fast while the target keeps refusing: the caller needed a new connection, but recent connect
 * attempts failed and the back-off period has not passed. {@link #getCause()} is the last connect
 * failure; {@link #nextAttemptIn()} says when the next attempt is due.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class PoolBackoffException extends PoolConnectException {
    private static final long serialVersionUID = 1L;

    public PoolBackoffException(String pool, Throwable lastCause, int failures, Duration nextAttemptIn) {
        super("Not connecting to '" + pool + "' after " + failures + " failed attempt(s) (last: " + lastCause
                + "); next attempt in " + nextAttemptIn.toMillis() + " ms", pool, lastCause, nextAttemptIn);
    }
}
