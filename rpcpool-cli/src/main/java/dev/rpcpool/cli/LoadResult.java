package dev.rpcpool.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a load run measured (closed loop or fixed rate). Latencies are in microseconds. Immutable.
 *
 * @param calls successful calls
 * @param qps successful calls per second over the measured interval
 * @param errors failed calls
 * @param connectionsOpened connections the client side opened during the run
 * @param perCall what a call (successful or not) cost this JVM from the end of the warm-up to the
 *     end, all threads together
 * @param startLag fixed rate only: how late calls started against their schedule; {@link StartLag#NONE}
 *     for closed loops
 */
record LoadResult(long calls, double qps, long p50Micros, long p90Micros, long p99Micros, long maxMicros,
        long errors, long connectionsOpened, CallCost perCall, StartLag startLag) {

    /** The keys and values of {@code bench --json}, in a stable order. */
    Map<String, Object> toJsonFields() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", calls);
        m.put("qps", Math.round(qps * 10) / 10.0);
        m.put("p50_us", p50Micros);
        m.put("p90_us", p90Micros);
        m.put("p99_us", p99Micros);
        m.put("max_us", maxMicros);
        m.put("errors", errors);
        m.put("connections_opened", connectionsOpened);
        perCall.putJsonFields(m);
        startLag.putJsonFields(m);
        return m;
    }
}
