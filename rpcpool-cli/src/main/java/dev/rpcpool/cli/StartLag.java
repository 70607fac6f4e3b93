package dev.rpcpool.cli;

import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * How late a fixed-rate run started its calls against their schedule, in microseconds: the load
 * generator's own delay (its pacing task held up by the scheduler, a pause, or all slots taken).
 * Each call's latency already counts from when it was due, so this is part of the latencies, not
 * added to them; it tells a person reading a long tail how much of it the generator caused rather
 * than the client or the server. Closed loops have no schedule: {@link #NONE}. Immutable.
 *
 * @param p50Micros median lateness
 * @param p99Micros 99th percentile
 * @param maxMicros the latest start
 */
record StartLag(long p50Micros, long p99Micros, long maxMicros) {
    /** No schedule, so nothing to report (closed loops). */
    static final StartLag NONE = new StartLag(-1, -1, -1);

    /** The lag recorded in {@code h} (nanoseconds), or {@link #NONE} if it holds nothing. */
    static StartLag of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return NONE;
        }
        return new StartLag(micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(99)),
                micros(h.getMaxValue()));
    }

    /** Adds {@code start_lag_p50_us}, {@code start_lag_p99_us} and {@code start_lag_max_us}, unless {@link #NONE}. */
    void putJsonFields(Map<String, Object> m) {
        if (this != NONE) {
            m.put("start_lag_p50_us", p50Micros);
            m.put("start_lag_p99_us", p99Micros);
            m.put("start_lag_max_us", maxMicros);
        }
    }

    /**
     * For a person: a second line, e.g. "  calls started late by (the generator behind its schedule, or
     * waiting for a free slot; counted in the latencies): p50 75 us  p99 5,591 us  max 15,425 us".
     */
    String describe() {
        if (this == NONE) {
            return "";
        }
        return String.format(Locale.ROOT, "%n  calls started late by (the generator behind its schedule, or waiting for a free slot;"
                + " counted in the latencies):"
                + " p50 %,d us  p99 %,d us  max %,d us", p50Micros, p99Micros, maxMicros);
    }

    private static long micros(long nanos) {
        return nanos / 1_000;
    }
}
