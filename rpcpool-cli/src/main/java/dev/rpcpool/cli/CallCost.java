package dev.rpcpool.cli;

import java.util.Locale;
import java.util.Map;

/**
 * What one call cost the client process, averaged over a load run's measured window: heap bytes
 * allocated, CPU time (user and system, all threads) and context switches (all threads, voluntary
 * and involuntary). Each is {@link #UNKNOWN} where this JVM or operating system cannot count it.
 * Immutable.
 *
 * <p>Why CPU and switches: on a small machine shared by client and server, the CPU a client spends
 * per call is CPU the server does not get, and a blocking call's hand-offs between threads (each a
 * context switch through the kernel) are most of that CPU (docs/benchmarks-e2e.md).
 *
 * @param heapBytes heap bytes allocated per call, or {@link #UNKNOWN}
 * @param cpuMicros CPU time per call in microseconds, or {@link #UNKNOWN}
 * @param contextSwitches context switches per call, or {@link #UNKNOWN}
 */
record CallCost(long heapBytes, double cpuMicros, double contextSwitches) {
    /** A figure that could not be counted. */
    static final long UNKNOWN = -1;
    static final CallCost NOT_COUNTED = new CallCost(UNKNOWN, UNKNOWN, UNKNOWN);

    /** Adds the counted figures to {@code bench --json}'s object, under its documented keys. */
    void putJsonFields(Map<String, Object> m) {
        if (heapBytes >= 0) {
            m.put("alloc_bytes_per_call", heapBytes);
        }
        if (cpuMicros >= 0) {
            m.put("cpu_us_per_call", Math.round(cpuMicros * 10) / 10.0);
        }
        if (contextSwitches >= 0) {
            m.put("context_switches_per_call", Math.round(contextSwitches * 100) / 100.0);
        }
    }

    /** The counted figures for a person, e.g. "  client per call: 412 heap bytes, 31.5 us CPU, 1.54 context switches". */
    String describe() {
        StringBuilder s = new StringBuilder();
        if (heapBytes >= 0) {
            s.append(String.format(Locale.ROOT, "%,d heap bytes", heapBytes));
        }
        if (cpuMicros >= 0) {
            s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.1f us CPU", cpuMicros));
        }
        if (contextSwitches >= 0) {
            s.append(s.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%.2f context switches", contextSwitches));
        }
        return s.isEmpty() ? "" : "  client per call: " + s;
    }
}
