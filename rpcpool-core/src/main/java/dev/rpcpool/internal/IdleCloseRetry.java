package dev.rpcpool.internal;

import dev.rpcpool.rpc.TransportException;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * Decides whether a call that failed because the server closed an idle connection just as its
 * request went out may be sent again: only for methods the user declared safe to run twice, and
 * only when the connection had been quiet at least {@code minIdle} before the request (a connection
 * busy a moment ago is not what servers close as idle, so its close is not mistaken for one).
 *
 * <p>Thread-safety: immutable and thread-safe if the predicate is.
 */
public final class IdleCloseRetry {
    /** Retries nothing. */
    public static final IdleCloseRetry NEVER = new IdleCloseRetry(Duration.ofNanos(Long.MAX_VALUE), method -> false);

    private final long minIdleNanos;
    private final Predicate<String> methods;

    public IdleCloseRetry(Duration minIdle, Predicate<String> methods) {
        this.minIdleNanos = minIdle.toNanos();
        this.methods = methods;
    }

    /** True if {@code failure} of a call to {@code serviceMethod} has the idle-close shape and may be retried. */
    public boolean allows(String serviceMethod, TransportException failure) {
        return failure.closedByServerAfterIdle().map(quiet -> quiet.toNanos() >= minIdleNanos).orElse(false)
                && methods.test(serviceMethod);
    }
}
