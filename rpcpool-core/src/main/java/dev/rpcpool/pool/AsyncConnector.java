package dev.rpcpool.pool;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * A {@link Connector} that can also open a connection without blocking, so that a connect can
 * outlive the wait of the caller that started it.
 *
 * <p>Why: a caller's deadline may be shorter than a connect takes (a 50 ms call to a server 80 ms
 * away). With a blocking connector the pool must give up such a connect with the caller, and if
 * every caller's deadline is that short, no connection is ever made. With this interface the
 * caller still fails at its own deadline, but the connect goes on (bounded by
 * {@link PoolConfig#connectTimeout()}, with its capacity still counted against
 * {@code maxConnections}) and its connection joins the pool for the next caller; a late failure
 * counts as a connect failure (back-off).
 *
 * <p>Thread-safety: as {@link Connector}.
 *
 * @param <C> the connection type
 */
public interface AsyncConnector<C> extends Connector<C> {

    /**
     * Starts opening a connection and returns at once.
     *
     * @param timeout how long the connect may take in all ({@link PoolConfig#connectTimeout()})
     * @return a future completed with the new connection (never {@code null}) or failed with the
     *     cause, within about {@code timeout}. It may complete on an I/O thread: there the pool only
     *     wakes the caller waiting for it; a connect that outlived its caller is registered (pool
     *     lock, listener calls) on another thread
     */
    CompletableFuture<C> connectAsync(Duration timeout);
}
