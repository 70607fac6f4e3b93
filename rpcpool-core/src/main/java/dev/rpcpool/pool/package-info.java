/**
 * A generic, transport-agnostic pool of connections of any type {@code C}: a hard cap on open
 * connections, FIFO waiters with deadlines, exclusive or shared (multiplexed) leases, health checks,
 * idle eviction, maximum lifetime, connect back-off, leak detection and statistics. It knows nothing
 * of RPC.
 *
 * <p>Entry points: {@link dev.rpcpool.pool.ConnectionPool#create}, configured by
 * {@link dev.rpcpool.pool.PoolConfig}, with connections made by a {@link dev.rpcpool.pool.Connector}.
 * A caller borrows a connection as a {@link dev.rpcpool.pool.Lease} and must end every lease with
 * {@code release()} or {@code invalidate()}.
 *
 * <p>The engine lives in {@code dev.rpcpool.pool.internal}; do not use it directly.
 */
package dev.rpcpool.pool;
