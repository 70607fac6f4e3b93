package dev.rpcpool.bench.pool;

import java.util.Arrays;
import java.util.Locale;

/**
 * What one fairness run measured: how many cycles each thread completed in the measured window
 * and the longest single cycle any thread saw (for a waiter, how long it waited for an object).
 * Immutable; {@link #toLine()} and {@link #parse} carry it from the forked JVM to the report.
 *
 * @param pool the contender's {@link Contender#paramName()}
 * @param threads how many threads cycled the pool
 * @param size how many objects the pool held
 * @param measuredNanos the length of the measured window
 * @param cyclesPerThread cycles each thread started in the measured window
 * @param longestCycleNanos the longest cycle started in the window, over all threads
 */
public record FairnessResult(String pool, int threads, int size, long measuredNanos, long[] cyclesPerThread,
        long longestCycleNanos) {

    public FairnessResult {
        if (cyclesPerThread.length != threads) {
            throw new IllegalArgumentException("expected " + threads + " per-thread counts, got " + cyclesPerThread.length);
        }
        cyclesPerThread = cyclesPerThread.clone();
    }

    @Override
    public long[] cyclesPerThread() {
        return cyclesPerThread.clone();
    }

    /** Cycles of all threads together. */
    public long totalCycles() {
        return Arrays.stream(cyclesPerThread).sum();
    }

    /** The pool's throughput: cycles per second, all threads together. */
    public double cyclesPerSecond() {
        return totalCycles() * 1e9 / measuredNanos;
    }

    /**
     * The fewest cycles any one thread completed, as a fraction of an equal share (1.0: perfectly
     * even; 0: some thread never got an object in the whole window).
     */
    public double fewestShare() {
        long total = totalCycles();
        return total == 0 ? 0 : Arrays.stream(cyclesPerThread).min().orElse(0) * (double) threads / total;
    }

    /** One line, tab-separated, that {@link #parse} reads back. */
    public String toLine() {
        StringBuilder sb = new StringBuilder();
        sb.append(pool).append('\t').append(threads).append('\t').append(size).append('\t')
                .append(measuredNanos).append('\t').append(longestCycleNanos);
        for (long c : cyclesPerThread) {
            sb.append('\t').append(c);
        }
        return sb.toString();
    }

    /**
     * Reads a line written by {@link #toLine()}.
     *
     * @throws IllegalArgumentException if the line is not one
     */
    public static FairnessResult parse(String line) {
        String[] f = line.split("\t");
        try {
            int threads = Integer.parseInt(f[1]);
            if (f.length != 5 + threads) {
                throw new IllegalArgumentException("expected " + (5 + threads) + " fields");
            }
            long[] cycles = new long[threads];
            for (int i = 0; i < threads; i++) {
                cycles[i] = Long.parseLong(f[5 + i]);
            }
            return new FairnessResult(f[0], threads, Integer.parseInt(f[2]), Long.parseLong(f[3]), cycles,
                    Long.parseLong(f[4]));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a fairness result line: \"" + line + "\" (" + e.getMessage() + ")", e);
        }
    }

    /** A Markdown table row: threads, objects, pool, cycles/s, ns per cycle per thread, fewest share, longest. */
    public String markdownRow() {
        double nsPerCycle = threads * 1e9 / Math.max(1, cyclesPerSecond());
        return String.format(Locale.ROOT, "| %d | %d | %s | %,.0f | %,.1f | %.0f%% | %s |", threads, size, pool,
                cyclesPerSecond(), nsPerCycle, fewestShare() * 100, humanNanos(longestCycleNanos));
    }

    static String humanNanos(long nanos) {
        if (nanos >= 1_000_000_000L) {
            return String.format(Locale.ROOT, "%.2f s", nanos / 1e9);
        }
        if (nanos >= 1_000_000L) {
            return String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f µs", nanos / 1e3);
    }
}
