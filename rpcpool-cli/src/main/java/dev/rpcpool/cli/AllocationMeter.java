package dev.rpcpool.cli;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * Heap bytes allocated per call over one load run's measured window, from HotSpot's per-thread
 * counters (what JMH's {@code -prof gc} divides by operations), all threads together: callers,
 * I/O threads, callback threads. A thread's count disappears when the thread ends, so the load
 * keeps its caller threads alive until {@link #close} has read them.
 *
 * <p>Thread-safety: not thread-safe; the one thread that drives the load uses it.
 */
final class AllocationMeter {
    /** A per-call figure the JVM could not count. */
    static final long UNKNOWN = -1;

    private final long openAt;
    private long bytesAtOpen = UNKNOWN;
    private long callsAtOpen = -1;

    /** A window that opens at {@code openAt} (the end of the warm-up; a {@link System#nanoTime} time). */
    AllocationMeter(long openAt) {
        this.openAt = openAt;
    }

    /** How long from {@code now} until the window opens: at least 1 ns, at most {@code atMost}. */
    long nanosUntilOpen(long now, long atMost) {
        return callsAtOpen >= 0 ? atMost : Math.max(1, Math.min(atMost, openAt - now));
    }

    /** Opens the window if it is due at {@code now}; {@code callsSoFar} counts every call ended so far. */
    void tick(long now, LongSupplier callsSoFar) {
        if (callsAtOpen < 0 && now - openAt >= 0) {
            bytesAtOpen = allocatedBytes();
            callsAtOpen = callsSoFar.getAsLong();
        }
    }

    /** Closes the window, while every thread that called is still alive: bytes per call, or {@link #UNKNOWN}. */
    long close(LongSupplier callsSoFar) {
        long bytes = allocatedBytes();
        long calls = callsSoFar.getAsLong() - callsAtOpen;
        if (callsAtOpen < 0 || bytesAtOpen == UNKNOWN || bytes == UNKNOWN || calls <= 0 || bytes < bytesAtOpen) {
            return UNKNOWN;
        }
        return Math.round((double) (bytes - bytesAtOpen) / calls);
    }

    /** Heap bytes allocated so far by the threads alive now, or {@link #UNKNOWN}. */
    static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
                || !mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
            return UNKNOWN;
        }
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            if (bytes > 0) { // -1: the thread ended while we asked
                sum += bytes;
            }
        }
        return sum;
    }
}
