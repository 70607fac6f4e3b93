package dev.rpcpool;

import java.time.Duration;

/**
 * One open connection of an {@link RpcClientPool}, from {@link RpcClientPool#connections()}.
 *
 * <p>Thread-safety: immutable.
 *
 * @param id the pool's id of the connection
 * @param remote the server's {@code host:port}
 * @param inFlight calls on it that have not completed
 * @param age time since it was opened
 * @param idle time since its last call completed (meaningful when {@code inFlight == 0})
 */
public record ConnectionStats(long id, String remote, int inFlight, Duration age, Duration idle) {
}
