package dev.rpcpool.bench.e2e;

import dev.rpcpool.bench.report.GeneratedSection;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Command-line tool that {@code run-e2e.sh} calls at the end: reads the per-run JSON lines, takes
 * the medians of each configuration, draws the charts and writes the tables between the markers
 * {@value #BEGIN} and {@value #END} of the document (hand-written text around them is kept).
 *
 * <pre>java -cp benchmarks.jar dev.rpcpool.bench.e2e.E2eReport --results results.jsonl
 *     [--doc docs/benchmarks-e2e.md] [--img docs/img] [--command "…"] [--settings "…"] [--go-version go1.19]
 *     [--date 2026-12-01T13:19:00Z]</pre>
 *
 * {@code --date} is when the runs ended, for reporting kept results again (default: now).
 * Exit status 2 for bad options or an unreadable result file.
 */
public final class E2eReport {
    /** Marks where the generated part starts. */
    public static final String BEGIN = "<!-- BEGIN generated e2e results: rpcpool-bench/run-e2e.sh rewrites this part -->";
    /** Marks where the generated part ends. */
    public static final String END = "<!-- END generated e2e results -->";

    private E2eReport() {
    }

    public static void main(String[] argv) throws IOException {
        E2eArgs args;
        List<RunRecord> runs;
        try {
            args = new E2eArgs(argv, Set.of("--results", "--doc", "--img", "--command", "--settings", "--go-version", "--date"));
            String results = args.string("--results", null);
            if (results == null) {
                throw new IllegalArgumentException("--results FILE is required");
            }
            runs = RunRecord.readLines(Path.of(results));
        } catch (IllegalArgumentException e) {
            System.err.println("E2eReport: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (runs.isEmpty()) {
            System.err.println("E2eReport: no runs in the results file; nothing to report");
            System.exit(2);
        }
        Path doc = Path.of(args.string("--doc", "docs/benchmarks-e2e.md"));
        Path img = Path.of(args.string("--img", "docs/img"));
        Summary summary = new Summary(runs);
        Map<String, String> charts = new LinkedHashMap<>();
        Path docDir = doc.toAbsolutePath().getParent();
        Files.createDirectories(docDir);
        E2eCharts.write(summary, img).forEach((k, p) -> charts.put(k, docDir.relativize(p.toAbsolutePath()).toString()));
        String command = args.string("--command", "rpcpool-bench/run-e2e.sh");
        String settings = args.string("--settings", "settings not given");
        String go = args.string("--go-version", "Go version not given");
        String date = args.string("--date", null); // when the runs ended, if not now (a report made again)
        RunInfo info = date == null ? RunInfo.ofThisMachine(command, settings, go)
                : RunInfo.ofThisMachine(command, settings, go, date);
        String body = E2eMarkdown.render(info, runs, summary, new Targets(summary).rows(), charts);
        String old = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "# End-to-end benchmarks\n\n";
        Files.writeString(doc, GeneratedSection.splice(old, BEGIN, END, body), StandardCharsets.UTF_8);
        System.out.println("E2eReport: " + runs.size() + " runs, " + summary.rows().size() + " configurations into "
                + doc + " and " + charts.size() + " charts into " + img);
    }
}
