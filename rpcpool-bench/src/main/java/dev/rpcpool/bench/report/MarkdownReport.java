package dev.rpcpool.bench.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Turns JMH rows into Markdown: one table per benchmark class, one row per result, with the score
 * and its error, the median and best iteration, bytes allocated per operation and, when a baseline is named, the
 * speed-up over it. Derived columns use medians, which one disturbed iteration cannot move.
 *
 * <p>A baseline is a parameter and a value, for example {@code pool=commons-pool2}: each row is
 * compared with the row that differs from it only in that parameter's value.
 */
public final class MarkdownReport {
    private final Map<String, String> baselines;

    /** @param baselines parameter name to the value the other values are compared with */
    public MarkdownReport(Map<String, String> baselines) {
        this.baselines = Map.copyOf(baselines);
    }

    /** Renders all rows, grouped by benchmark class in first-seen order. */
    public String render(List<JmhRow> rows) {
        Map<String, List<JmhRow>> byClass = rows.stream()
                .collect(Collectors.groupingBy(JmhRow::benchmarkClass, LinkedHashMap::new, Collectors.toList()));
        StringBuilder out = new StringBuilder();
        byClass.forEach((cls, classRows) -> renderClass(out, cls, classRows));
        return out.toString();
    }

    private void renderClass(StringBuilder out, String cls, List<JmhRow> rows) {
        List<String> paramNames = new ArrayList<>(rows.get(0).params().keySet());
        String baselineParam = paramNames.stream().filter(baselines::containsKey).findFirst().orElse(null);
        // The compared parameter goes last, so rows that are compared with each other sit together.
        if (baselineParam != null) {
            paramNames.remove(baselineParam);
            paramNames.add(baselineParam);
        }
        String unit = rows.get(0).unit();

        out.append("### ").append(cls).append("\n\n");
        List<String> header = new ArrayList<>(List.of("benchmark", "threads"));
        header.addAll(paramNames);
        header.addAll(List.of(unit + " (± 99.9% CI)", "median", "best", "B/op"));
        if (unit.equals("ns/op")) {
            header.add("total Mops/s (median)");
        }
        if (baselineParam != null) {
            header.add("speed-up vs " + baselines.get(baselineParam) + " (median)");
        }
        out.append(line(header));
        out.append(line(header.stream().map(h -> h.equals("benchmark") ? "---" : "---:").toList()));

        List<JmhRow> sorted = new ArrayList<>(rows);
        sorted.sort(order(rows, paramNames));
        for (JmhRow r : sorted) {
            List<String> cells = new ArrayList<>(List.of(r.method(), Integer.toString(r.threads())));
            paramNames.forEach(p -> cells.add(r.params().get(p)));
            cells.add(fmt(r.score()) + (Double.isNaN(r.error()) ? "" : " ± " + fmt(r.error())));
            cells.add(fmt(r.median()));
            cells.add(fmt(r.best()));
            cells.add(Double.isNaN(r.bytesPerOp()) ? "n/a" : Long.toString(Math.round(r.bytesPerOp())));
            if (unit.equals("ns/op")) {
                cells.add(fmt(r.threads() * 1_000.0 / r.median()));
            }
            if (baselineParam != null) {
                cells.add(speedUp(r, rows, baselineParam));
            }
            out.append(line(cells));
        }
        out.append('\n');
    }

    /** Method, threads, then each parameter; numbers numerically, other values in first-seen order. */
    private static Comparator<JmhRow> order(List<JmhRow> rows, List<String> paramNames) {
        Comparator<JmhRow> c = Comparator.comparing(JmhRow::method).thenComparingInt(JmhRow::threads);
        for (String p : paramNames) {
            List<String> seen = rows.stream().map(r -> r.params().get(p)).distinct().toList();
            c = c.thenComparing(r -> r.params().get(p), (a, b) -> {
                if (isNumber(a) && isNumber(b)) {
                    return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
                }
                return Integer.compare(seen.indexOf(a), seen.indexOf(b));
            });
        }
        return c;
    }

    /**
     * How many times faster this row is than its baseline row (above 1 means faster), by medians:
     * on a shared machine one disturbed iteration can move a mean by orders of magnitude.
     */
    private String speedUp(JmhRow r, List<JmhRow> rows, String param) {
        String baseValue = baselines.get(param);
        return rows.stream()
                .filter(b -> b.method().equals(r.method())
                        && b.threads() == r.threads()
                        && baseValue.equals(b.params().get(param))
                        && sameExcept(b.params(), r.params(), param))
                .findFirst()
                .map(b -> String.format(Locale.ROOT, "%.1f×",
                        r.lowerIsBetter() ? b.median() / r.median() : r.median() / b.median()))
                .orElse("");
    }

    private static boolean sameExcept(Map<String, String> a, Map<String, String> b, String except) {
        TreeSet<String> keys = new TreeSet<>(a.keySet());
        keys.addAll(b.keySet());
        keys.remove(except);
        return keys.stream().allMatch(k -> Objects.equals(a.get(k), b.get(k)));
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return true;
        } catch (NumberFormatException | NullPointerException e) {
            return false;
        }
    }

    /** Three significant figures or so: enough for noisy benchmark numbers, no more. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        double a = Math.abs(v);
        if (a >= 1 || a == 0) {
            String pattern = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.0f";
            return String.format(Locale.ROOT, pattern, v);
        }
        // below 1, keep three significant digits rather than printing 0.000
        return new BigDecimal(v).round(new MathContext(3)).stripTrailingZeros().toPlainString();
    }

    private static String line(List<String> cells) {
        return "| " + String.join(" | ", cells) + " |\n";
    }
}
