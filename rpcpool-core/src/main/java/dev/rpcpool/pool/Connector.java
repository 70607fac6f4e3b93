package dev.rpcpool.pool;

import java.time.Duration;

/**
 * Makes, checks and closes the connections of one pool: the pool's only contact with the transport.
 *
 * <p>Thread-safety: implementations must be safe to call from several threads at once. The pool
 * never calls a connector method while holding one of its locks, so a method may block (where its
 * Javadoc allows) without stalling other callers of the pool.
 *
 * @param <C> the connection type
 */
public interface Connector<C> {

    /**
     * Opens a new connection, blocking at most about {@code timeout}.
     *
     * <p>Called on the thread that is acquiring a lease (with what is left of its deadline, capped by
     * {@link PoolConfig#connectTimeout()}) or on the pool's maintenance thread (to keep
     * {@code minIdle} connections, with {@code connectTimeout}).
     *
     * @return the new connection, never {@code null}
     * @throws Exception any failure; the pool reports it to the caller as the cause of a
     *     {@link PoolConnectException} and backs off further connects
     */
    C connect(Duration timeout) throws Exception;

    /**
     * Checks that a connection that has been idle for a while still works, blocking at most about
     * {@code timeout} (for instance, a ping). Called on the acquiring thread, only for a connection
     * with no leases that has been idle at least {@link PoolConfig#validateAfterIdle()}. A
     * {@code false} result or an exception closes the connection. The default returns {@code true}.
     */
    default boolean validate(C connection, Duration timeout) throws Exception {
        return true;
    }

    /**
     * A cheap, non-blocking check (for instance "is the socket still open") consulted before a
     * connection is handed out and by maintenance; a connection for which it returns {@code false}
     * is closed and never handed out. Called on any thread, possibly while the connection is in use
     * by a lease holder. The default returns {@code true}.
     */
    default boolean isOpen(C connection) {
        return true;
    }

    /**
     * The reason the pool reports to its {@link PoolListener} when it closes {@code connection}
     * because {@link #isOpen} or {@link #validate} said no: {@code observed} is what the pool saw
     * ({@link CloseReason#NOT_OPEN} or {@link CloseReason#VALIDATION_FAILED}). A connector that
     * turns connections down for a reason of its own (for instance
     * {@link CloseReason#SERVER_IDLE_TIMEOUT}) says so here. Called once per such close, on the
     * thread closing it, before {@link #close}; a {@code null} result or an exception reports
     * {@code observed}. The default returns {@code observed}.
     */
    default CloseReason closeReason(C connection, CloseReason observed) {
        return observed;
    }

    /**
     * Closes a connection; should not block for long. Called exactly once per connection, on the
     * thread that ended its life: a releasing or invalidating caller, an acquiring caller (failed
     * check), the maintenance thread (eviction, lifetime) or the thread calling
     * {@link ConnectionPool#close()}. Exceptions are logged and ignored.
     */
    void close(C connection) throws Exception;
}
