package dev.rpcpool.pool;

import java.time.Duration;

/**
 * A view of one open connection, from {@link ConnectionPool#connections()}; with shared connections
 * {@code leases} is the number of calls in flight on it.
 *
 * <p>Thread-safety: immutable (the connection itself is whatever {@code C} is).
 *
 * @param id the pool's id of the connection, unique within the pool
 * @param connection the connection
 * @param leases leases outstanding on it
 * @param age time since it was opened
 * @param idle time since it was last released (meaningful when {@code leases == 0}); always zero
 *     when idle timeout, idle validation and max lifetime are all off, as releases are then not
 *     timed (a clock read costs more than the rest of an acquire and release)
 * @param retiring true when it will be closed once its last lease is released (lifetime, pool closed)
 * @param <C> the connection type
 */
public record ConnectionInfo<C>(long id, C connection, int leases, Duration age, Duration idle, boolean retiring) {
}
