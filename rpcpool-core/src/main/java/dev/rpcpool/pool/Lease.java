package dev.rpcpool.pool;

/**
 * A borrowed connection. Every lease must be ended exactly once, by {@link #release()} (the
 * connection is fine) or {@link #invalidate()} (the connection is broken); {@link #close()} lets a
 * try-with-resources block release it.
 *
 * <p>The pool reuses lease objects so that acquiring allocates nothing: in exclusive mode
 * ({@link PoolConfig#maxLeasesPerConnection()} {@code = 1}) one per connection, in shared mode the
 * lease a thread acquired last, once released (not with leak detection on). So a lease must not be
 * touched after it ended. A second {@code release()} is reported with an
 * {@link IllegalStateException} as long as the object has not been handed out again; after that it
 * is undetectable, like any use of a reference after returning it (HikariCP and Stormpot have the
 * same rule).
 *
 * <p>Thread-safety: a lease may be ended on a thread other than the one that acquired it; it must
 * not be ended by two threads at once.
 *
 * @param <C> the connection type
 */
public interface Lease<C> extends AutoCloseable {

    /**
     * The leased connection.
     *
     * @throws IllegalStateException if the lease has ended
     */
    C connection();

    /** The pool's id of the leased connection (as in {@link ConnectionInfo#id()} and listener events). */
    long connectionId();

    /**
     * Returns the connection to the pool. Never blocks and never fails because of the pool's state
     * (a pool closed meanwhile just closes the connection).
     *
     * @throws IllegalStateException if this lease has already ended (a programming error: the
     *     message says how); the pool's counts are left intact
     */
    void release();

    /**
     * Marks the connection broken: it is closed at once, never handed out again, and its capacity
     * goes to the next waiter at once. Other leases of the same shared connection become no-ops when
     * released. Calling it again is a no-op.
     *
     * @throws IllegalStateException if this lease was already released
     */
    void invalidate();

    /** Releases the lease; does nothing if it was invalidated. Same errors as {@link #release()}. */
    @Override
    void close();
}
