package dev.rpcpool.bench.pool;

import java.util.concurrent.TimeUnit;

/**
 * One contender's pool, set up with a fixed number of {@link Conn}s, reduced to the operation the
 * benchmark measures: take an object, touch it, give it back.
 *
 * <p>Each implementation calls its library's own acquire and release methods with concrete types,
 * so the only indirection the benchmark adds is this one interface call, the same for every
 * contender (and monomorphic, since JMH runs each contender in its own forked JVM).
 *
 * <p>Thread-safety: {@link #cycle()} is called by many threads at once; {@link #close()} once, after.
 */
public interface PoolDriver extends AutoCloseable {

    /** How long an acquire may wait for a free object: long enough never to fire in a benchmark. */
    long ACQUIRE_TIMEOUT_SECONDS = 10;

    /** {@link #ACQUIRE_TIMEOUT_SECONDS} in the unit most APIs take. */
    TimeUnit ACQUIRE_TIMEOUT_UNIT = TimeUnit.SECONDS;

    /**
     * Acquires one object (waiting if all are in use), reads its id, and releases it.
     *
     * @return the id of the object that was held, so the work cannot be optimised away
     * @throws Exception if the pool fails or times out (a benchmark bug: nothing should time out)
     */
    int cycle() throws Exception;

    /** Shuts the pool down; called once when no {@link #cycle()} is running. */
    @Override
    void close() throws Exception;
}
