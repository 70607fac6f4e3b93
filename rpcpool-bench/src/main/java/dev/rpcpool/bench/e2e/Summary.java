package dev.rpcpool.bench.e2e;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The medians of each configuration over its rounds. Medians, not means: on a shared machine one
 * disturbed run can move a mean arbitrarily, a median only by one rank.
 *
 * <p>Thread-safety: immutable.
 */
public final class Summary {
    /**
     * Medians of one configuration's runs; errors and connections are totals / medians as named;
     * each figure of {@code perCall} is the median over the runs that reported it, or
     * {@link ClientCost#NOT_REPORTED} if none did.
     */
    public record Row(RunRecord.Config config, int runs, double qps, double p50Micros, double p99Micros,
            long errors, double connectionsOpened, ClientCost perCall) {
    }

    private final Map<RunRecord.Config, Row> rows = new LinkedHashMap<>();

    /** Groups the runs by configuration, in the order configurations first appear. */
    public Summary(List<RunRecord> runs) {
        Map<RunRecord.Config, List<RunRecord>> by = new LinkedHashMap<>();
        runs.forEach(r -> by.computeIfAbsent(r.config(), k -> new ArrayList<>()).add(r));
        by.forEach((config, rs) -> rows.put(config, new Row(config, rs.size(),
                median(rs, RunRecord::qps), median(rs, RunRecord::p50Micros), median(rs, RunRecord::p99Micros),
                rs.stream().mapToLong(RunRecord::errors).sum(), median(rs, RunRecord::connectionsOpened),
                new ClientCost(reportedMedian(rs, ClientCost::heapBytes), reportedMedian(rs, ClientCost::cpuMicros),
                        reportedMedian(rs, ClientCost::contextSwitches)))));
    }

    private static double reportedMedian(List<RunRecord> runs, ToDoubleFunction<ClientCost> figure) {
        List<Double> reported = runs.stream().map(r -> figure.applyAsDouble(r.perCall()))
                .filter(v -> v != ClientCost.NOT_REPORTED).toList();
        return reported.isEmpty() ? ClientCost.NOT_REPORTED : median(reported);
    }

    /** All rows, in first-seen order. */
    public List<Row> rows() {
        return List.copyOf(rows.values());
    }

    /** The row of one configuration, if it was run. */
    public Optional<Row> get(String contender, String server, String workload, int concurrency) {
        return Optional.ofNullable(rows.get(new RunRecord.Config(contender, server, workload, concurrency)));
    }

    /**
     * The median of the values: the middle one, or the mean of the two middle ones.
     *
     * @throws IllegalArgumentException if there are none
     */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("median of no values");
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int mid = v.length / 2;
        return v.length % 2 == 1 ? v[mid] : (v[mid - 1] + v[mid]) / 2;
    }

    private static double median(List<RunRecord> runs, ToDoubleFunction<RunRecord> f) {
        return median(runs.stream().map(f::applyAsDouble).toList());
    }
}
