package dev.rpcpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What one call cost the client process, as the client printed it: heap bytes (JVM clients only),
 * CPU time in microseconds and context switches (rpcpool's and Go's clients; all threads, over the
 * measured window). Each is {@link #NOT_REPORTED} for a client that does not count it. Immutable.
 */
public record ClientCost(double heapBytes, double cpuMicros, double contextSwitches) {
    /** A figure the client did not report. */
    public static final double NOT_REPORTED = -1;
    /** Nothing reported (gRPC's client, older result files). */
    public static final ClientCost NONE = new ClientCost(NOT_REPORTED, NOT_REPORTED, NOT_REPORTED);

    /** The figures under the keys of {@code rpcpool bench --json}; absent keys are not reported. */
    static ClientCost of(JsonNode n) {
        return new ClientCost(optional(n, "alloc_bytes_per_call"), optional(n, "cpu_us_per_call"),
                optional(n, "context_switches_per_call"));
    }

    private static double optional(JsonNode n, String key) {
        return n.hasNonNull(key) ? n.get(key).asDouble() : NOT_REPORTED;
    }
}
