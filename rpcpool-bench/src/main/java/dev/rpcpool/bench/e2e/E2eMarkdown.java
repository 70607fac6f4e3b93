package dev.rpcpool.bench.e2e;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders the generated part of {@code docs/benchmarks-e2e.md}: how and where the run was made, the
 * targets with their measured ratios, and one table of medians per workload with its chart.
 *
 * <p>Thread-safety: stateless.
 */
public final class E2eMarkdown {
    /** Human names of the workloads the script runs. */
    static final Map<String, String> WORKLOADS = Map.of(
            "multiply", "Arith.Multiply (two ints in, one out; gRPC: 16 bytes in, 8 out)",
            "echo1k", "Echo.Bytes, 1 KiB in and out");

    private E2eMarkdown() {
    }

    /**
     * @param charts file name (relative to the document) of each chart, keyed by workload for the
     *     calls/s charts and by {@code workload + "-latency"} for the latency charts; missing keys
     *     simply have no image
     */
    public static String render(RunInfo info, List<RunRecord> runs, Summary summary, List<Targets.Row> targets,
            Map<String, String> charts) {
        StringBuilder md = new StringBuilder();
        md.append("### This run\n\n");
        md.append("- command: `").append(info.command().strip()).append("` (").append(info.settings()).append(")\n");
        md.append("- date: ").append(info.date()).append("; ").append(runs.size()).append(" runs\n");
        md.append("- machine: ").append(info.cores()).append(" cores, ").append(info.cpu()).append("; ")
                .append(info.os()).append("; ").append(info.jdk()).append("; ").append(info.go()).append('\n');
        List<Double> loads = runs.stream().map(RunRecord::load1).toList();
        if (!loads.isEmpty()) {
            md.append(String.format(Locale.ROOT,
                    "- load average (1 min, read after each run): min %.2f, median %.2f, max %.2f — "
                            + "on %d cores; above that number other work was competing for the CPUs\n",
                    loads.stream().mapToDouble(Double::doubleValue).min().orElseThrow(), Summary.median(loads),
                    loads.stream().mapToDouble(Double::doubleValue).max().orElseThrow(), info.cores()));
        }
        md.append('\n');

        md.append("### Targets\n\n");
        md.append("Each ratio divides medians of the same run; “met” is judged on them alone.\n\n");
        md.append("| target | workload | c | measured | goal | met | compared (medians) |\n");
        md.append("|---|---|---:|---:|---:|---|---|\n");
        for (Targets.Row t : targets) {
            boolean latency = t.target().equals(Targets.TUTORIAL_CLAIM);
            md.append(String.format(Locale.ROOT, "| %s | %s | %d | %s | %s | %s | %s |\n", t.target(), t.workload(),
                    t.concurrency(), latency ? percent(t.ratio()) + " lower" : times(t.ratio()),
                    latency ? percent(t.goal()) + " lower" : "≥ " + times(t.goal()), t.met() ? "met" : "**not met**",
                    t.detail()));
        }
        md.append('\n');

        for (String workload : summary.rows().stream().map(r -> r.config().workload()).distinct().toList()) {
            md.append("### ").append(WORKLOADS.getOrDefault(workload, workload)).append("\n\n");
            image(md, charts.get(workload), "calls/s by concurrency, " + workload);
            image(md, charts.get(workload + "-latency"), "latency p50 and p99, " + workload);
            md.append("| client → server | c | calls/s | p50 µs | p99 µs | connections | client heap B/call"
                    + " | client CPU µs/call | client switches/call | errors | runs |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            summary.rows().stream().filter(r -> r.config().workload().equals(workload))
                    .sorted(java.util.Comparator.comparingInt(r -> r.config().concurrency()))
                    .forEach(r -> md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %.0f | %s | %s | %s | %d | %d |\n",
                            r.config().series(), r.config().concurrency(), Targets.calls(r), Targets.us(r.p50Micros()),
                            Targets.us(r.p99Micros()), r.connectionsOpened(),
                            figure(r.perCall().heapBytes(), "%,.0f"), figure(r.perCall().cpuMicros(), "%.1f"),
                            figure(r.perCall().contextSwitches(), "%.2f"), r.errors(), r.runs())));
            md.append('\n');
        }
        return md.toString();
    }

    /** A client-cost figure, or a dash where the client did not report it. */
    private static String figure(double value, String format) {
        return value == ClientCost.NOT_REPORTED ? "—" : String.format(Locale.ROOT, format, value);
    }

    private static void image(StringBuilder md, String file, String alt) {
        if (file != null) {
            md.append("![").append(alt).append("](").append(file).append(")\n\n");
        }
    }

    static String times(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }

    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.0f%%", fraction * 100);
    }
}
