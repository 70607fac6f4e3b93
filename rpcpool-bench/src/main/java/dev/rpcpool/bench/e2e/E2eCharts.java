package dev.rpcpool.bench.e2e;

import java.awt.Color;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * Draws the report's PNG charts with XChart: per workload, calls/s by concurrency for every
 * client → server pair, and p50/p99 latency per pair at the concurrency the targets focus on (16,
 * or the highest that workload was run at if not 16); both on log scales. Runs headless.
 *
 * <p>Thread-safety: stateless; writing the same files from two threads is the caller's mistake.
 */
public final class E2eCharts {
    /** The concurrency the latency charts show when it was run. */
    static final int LATENCY_CONCURRENCY = 16;
    /**
     * One color per series, none repeated for up to 20 series (XChart's default palette repeats
     * after 10, which made two contenders look alike): Tableau's 10 colors, their light tints, then
     * four dark ones (the script runs 17 contender-server pairs).
     */
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728),
        new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f),
        new Color(0xbcbd22), new Color(0x17becf), new Color(0xaec7e8), new Color(0xffbb78),
        new Color(0x98df8a), new Color(0xff9896), new Color(0xc5b0d5), new Color(0xc49c94),
        new Color(0x393b79), new Color(0x637939), new Color(0x8c6d31), new Color(0x843c39),
    };

    /** Height of one legend entry as XChart draws it at the default font (measured on a chart). */
    private static final int LEGEND_LINE_PIXELS = 28;

    private E2eCharts() {
    }

    /**
     * Writes the charts into {@code dir} (created if needed) and returns their paths, keyed by
     * workload for calls/s and {@code workload-latency} for latency.
     *
     * @throws IOException if a file cannot be written
     */
    public static Map<String, Path> write(Summary summary, Path dir) throws IOException {
        System.setProperty("java.awt.headless", "true");
        Files.createDirectories(dir);
        Map<String, Path> out = new LinkedHashMap<>();
        List<String> workloads = summary.rows().stream().map(r -> r.config().workload()).distinct().toList();
        List<Integer> cs = summary.rows().stream().map(r -> r.config().concurrency()).distinct().sorted().toList();
        List<String> series = summary.rows().stream().map(r -> r.config().series()).distinct().toList();
        for (String w : workloads) {
            CategoryChart qps = new CategoryChartBuilder().width(1000).height(heightForLegend(series.size()))
                    .title("calls/s by concurrency: " + w + " (median of rounds, log scale, higher is better)")
                    .xAxisTitle("concurrent callers").yAxisTitle("calls/s").build();
            style(qps);
            // log scale: the contenders span three orders of magnitude (a dial per call to a direct
            // Java server), and on a linear axis the slow ones are flat lines
            qps.getStyler().setYAxisLogarithmic(true);
            List<String> xs = cs.stream().map(c -> "c" + c).toList();
            double smallest = Double.MAX_VALUE;
            for (String s : series) {
                List<Double> ys = cs.stream().map(c -> find(summary, s, w, c).map(Summary.Row::qps).orElse(0.0)).toList();
                if (ys.stream().anyMatch(y -> y > 0)) {
                    qps.addSeries(s, xs, ys);
                    smallest = Math.min(smallest, ys.stream().filter(y -> y > 0).min(Double::compare).orElseThrow());
                }
            }
            if (smallest < Double.MAX_VALUE) {
                qps.getStyler().setYAxisMin(powerOfTenBelow(smallest));
            }
            out.put(w, save(qps, dir.resolve("e2e-calls-" + w + ".png")));

            // the concurrencies this workload was run at (a partial run may not have them all)
            List<Integer> ran = summary.rows().stream().filter(r -> r.config().workload().equals(w))
                    .map(r -> r.config().concurrency()).distinct().sorted().toList();
            int c = ran.contains(LATENCY_CONCURRENCY) ? LATENCY_CONCURRENCY : ran.get(ran.size() - 1);
            List<Summary.Row> at = series.stream().map(s -> find(summary, s, w, c)).flatMap(Optional::stream).toList();
            CategoryChart lat = new CategoryChartBuilder().width(1000).height(560)
                    .title("latency at c" + c + ": " + w + " (median of rounds, µs, log scale, lower is better)")
                    .xAxisTitle("client → server").yAxisTitle("µs").build();
            style(lat);
            lat.getStyler().setYAxisLogarithmic(true);
            lat.getStyler().setXAxisLabelRotation(30);
            List<String> names = at.stream().map(r -> r.config().series()).toList();
            lat.getStyler().setYAxisMin(powerOfTenBelow(at.stream().mapToDouble(r -> Math.max(1, r.p50Micros()))
                    .min().orElse(1)));
            lat.addSeries("p50", names, at.stream().map(r -> Math.max(1, r.p50Micros())).toList());
            lat.addSeries("p99", names, at.stream().map(r -> Math.max(1, r.p99Micros())).toList());
            out.put(w + "-latency", save(lat, dir.resolve("e2e-latency-" + w + ".png")));
        }
        return out;
    }

    /**
     * A chart tall enough that a legend of {@code entries} series, one per line beside the plot, is
     * not cut off at the top and bottom (19 series did not fit in 520 pixels).
     */
    static int heightForLegend(int entries) {
        return Math.max(520, 80 + LEGEND_LINE_PIXELS * entries);
    }

    /**
     * Where a log-scale axis should start: bars are drawn up from the axis minimum, and log(0) does
     * not exist, so a power of ten at or below the smallest bar.
     */
    static double powerOfTenBelow(double smallest) {
        return Math.pow(10, Math.floor(Math.log10(smallest)));
    }

    private static Optional<Summary.Row> find(Summary summary, String series, String w, int c) {
        return summary.rows().stream()
                .filter(r -> r.config().series().equals(series) && r.config().workload().equals(w)
                        && r.config().concurrency() == c)
                .findFirst();
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setAvailableSpaceFill(0.85);
        chart.getStyler().setSeriesColors(PALETTE);
        chart.getStyler().setYAxisDecimalPattern("#,###"); // 700,000, not 7E5
    }

    private static Path save(CategoryChart chart, Path file) throws IOException {
        try (OutputStream os = Files.newOutputStream(file)) {
            BitmapEncoder.saveBitmap(chart, os, BitmapEncoder.BitmapFormat.PNG);
        }
        return file;
    }
}
