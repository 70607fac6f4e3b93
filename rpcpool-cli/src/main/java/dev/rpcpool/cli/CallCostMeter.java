package dev.rpcpool.cli;

import java.lang.management.ManagementFactory;
import java.util.function.LongSupplier;

/**
 * What the client process spends per call over one load run's measured window ({@link CallCost}):
 * heap bytes from HotSpot's per-thread counters (what JMH's {@code -prof gc} divides by
 * operations), CPU time from the process's CPU clock, and context switches from
 * {@link ContextSwitches}; all threads together: callers, I/O threads, callback threads, and the
 * JVM's own (compiler, GC). A thread's allocation and switch counts disappear when the thread
 * ends, so the load keeps its caller threads alive until {@link #close} has read them.
 *
 * <p>Thread-safety: not thread-safe; the one thread that drives the load uses it.
 */
final class CallCostMeter {
    private final long openAt;
    private long callsAtOpen = -1;
    private long bytesAtOpen = CallCost.UNKNOWN;
    private long cpuAtOpen = CallCost.UNKNOWN;
    private ContextSwitches switchesAtOpen;

    /** A window that opens at {@code openAt} (the end of the warm-up; a {@link System#nanoTime} time). */
    CallCostMeter(long openAt) {
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
            cpuAtOpen = processCpuNanos();
            switchesAtOpen = ContextSwitches.now();
            callsAtOpen = callsSoFar.getAsLong();
        }
    }

    /** Closes the window, while every thread that called is still alive: the cost per call. */
    CallCost close(LongSupplier callsSoFar) {
        long bytes = allocatedBytes();
        long cpu = processCpuNanos();
        ContextSwitches switches = ContextSwitches.now();
        long calls = callsSoFar.getAsLong() - callsAtOpen;
        if (callsAtOpen < 0 || calls <= 0) {
            return CallCost.NOT_COUNTED;
        }
        long heap = bytesAtOpen == CallCost.UNKNOWN || bytes == CallCost.UNKNOWN || bytes < bytesAtOpen
                ? CallCost.UNKNOWN : Math.round((double) (bytes - bytesAtOpen) / calls);
        double cpuMicros = cpuAtOpen < 0 || cpu < cpuAtOpen ? CallCost.UNKNOWN : (cpu - cpuAtOpen) / 1e3 / calls;
        double perCallSwitches = switchesAtOpen == null || switches == null
                ? CallCost.UNKNOWN : (double) switches.since(switchesAtOpen) / calls;
        return new CallCost(heap, cpuMicros, perCallSwitches);
    }

    /** Heap bytes allocated so far by the threads alive now, or {@link CallCost#UNKNOWN}. */
    static long allocatedBytes() {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx)
                || !mx.isThreadAllocatedMemorySupported() || !mx.isThreadAllocatedMemoryEnabled()) {
            return CallCost.UNKNOWN;
        }
        long sum = 0;
        for (long bytes : mx.getThreadAllocatedBytes(mx.getAllThreadIds())) {
            if (bytes > 0) { // -1: the thread ended while we asked
                sum += bytes;
            }
        }
        return sum;
    }

    /** CPU time this process has used, all threads, in nanoseconds; or {@link CallCost#UNKNOWN}. */
    static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? Math.max(CallCost.UNKNOWN, os.getProcessCpuTime()) : CallCost.UNKNOWN;
    }
}
