package dev.rpcpool.pool;

import dev.rpcpool.RpcPoolException;
import java.time.Duration;

/**
 * Opening a connection failed; {@link #getCause()} is the connector's exception. The pool backs off
 * further connects: {@link #nextAttemptIn()} says when the next one is allowed.
 *
 * <p>Unchecked. Thread-safety: immutable once thrown.
 */
public class PoolConnectException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    private final String pool;
    private final Duration nextAttemptIn;

    public PoolConnectException(String pool, Throwable cause, Duration nextAttemptIn) {
        this("Connect to '" + pool + "' failed: " + cause + "; next attempt in " + nextAttemptIn.toMillis() + " ms",
                pool, cause, nextAttemptIn);
    }

    protected PoolConnectException(String message, String pool, Throwable cause, Duration nextAttemptIn) {
        super(message, cause);
        this.pool = pool;
        this.nextAttemptIn = nextAttemptIn;
    }

    /** The pool's name (its target). */
    public String pool() {
        return pool;
    }

    /** How long after this failure the pool allows the next connect attempt. */
    public Duration nextAttemptIn() {
        return nextAttemptIn;
    }
}
