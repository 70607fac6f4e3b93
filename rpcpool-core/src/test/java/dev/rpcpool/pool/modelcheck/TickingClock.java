package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.PoolClock;

/**
 * A clock that moves one millisecond every time a thread reads it, and only for that thread: a
 * bounded acquire times out after a fixed number of its own reads, whatever the other threads of
 * the history do, so a model-checked outcome never depends on real time. The pool compares times
 * across threads only to prefer the most recently used idle connection, which the model ignores.
 */
final class TickingClock implements PoolClock {
    static final long TICK_NANOS = 1_000_000L;
    private final ThreadLocal<long[]> now = ThreadLocal.withInitial(() -> new long[1]);

    @Override
    public long nanoTime() {
        long[] mine = now.get();
        mine[0] += TICK_NANOS;
        return mine[0];
    }
}
