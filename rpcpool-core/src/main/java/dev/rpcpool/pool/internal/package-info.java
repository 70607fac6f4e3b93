/**
 * Implementation of {@code dev.rpcpool.pool}: do not use directly; it changes without notice.
 *
 * <p>Concurrency rules (see {@code PoolEngine}): the lease count of a connection lives in one CAS
 * word per {@link dev.rpcpool.pool.internal.Entry}; the pool lock guards only the slow path (waiter
 * queue, capacity accounting, back-off, the copy-on-write entry array); no connector or listener
 * call is ever made while holding the lock.
 */
package dev.rpcpool.pool.internal;
