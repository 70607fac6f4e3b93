package dev.rpcpool.bench.report;

import java.util.Map;

/**
 * One row of a JMH result: a benchmark method at one thread count and one set of parameters.
 * Immutable.
 *
 * @param benchmarkClass simple name of the benchmark class, for example {@code PoolCycleBenchmark}
 * @param method the benchmark method, for example {@code threads8}
 * @param threads how many threads ran it
 * @param params the {@code @Param} values, in JMH's order
 * @param score the primary metric (for example ns/op)
 * @param error the 99.9% confidence half-width JMH reports, {@code NaN} with one iteration
 * @param median the median over measurement iterations
 * @param best the best measurement iteration: on a shared machine, the least disturbed one
 * @param unit the primary metric's unit
 * @param bytesPerOp {@code gc.alloc.rate.norm} from {@code -prof gc}, {@code NaN} without it
 */
public record JmhRow(
        String benchmarkClass,
        String method,
        int threads,
        Map<String, String> params,
        double score,
        double error,
        double median,
        double best,
        String unit,
        double bytesPerOp) {

    public JmhRow {
        params = Map.copyOf(params);
    }

    /** True when a lower score is better (time per operation rather than operations per time). */
    public boolean lowerIsBetter() {
        return unit.endsWith("/op");
    }
}
