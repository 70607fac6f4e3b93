package dev.rpcpool.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line tool: reads a JMH JSON result and writes its Markdown tables into a document,
 * between the lines {@value #BEGIN} and {@value #END} (replacing what was there), so the
 * hand-written text around the tables survives a re-run.
 *
 * <pre>
 * java -cp benchmarks.jar dev.rpcpool.bench.report.JmhMarkdown RESULT.json DOC.md [param=baseline ...]
 * </pre>
 *
 * <p>If the document has no markers, the tables are appended under them. With {@code -} as the
 * document the tables go to standard output.
 */
public final class JmhMarkdown {
    /** Marks where the generated tables start. */
    public static final String BEGIN = "<!-- BEGIN generated JMH tables: rpcpool-bench/run-jmh.sh rewrites this part -->";
    /** Marks where the generated tables end. */
    public static final String END = "<!-- END generated JMH tables -->";

    private JmhMarkdown() {}

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: JmhMarkdown RESULT.json DOC.md|- [param=baseline ...]");
            System.exit(2);
        }
        Map<String, String> baselines = new LinkedHashMap<>();
        for (int i = 2; i < args.length; i++) {
            String[] kv = args[i].split("=", 2);
            if (kv.length != 2) {
                throw new IllegalArgumentException("expected param=baseline, got " + args[i]);
            }
            baselines.put(kv[0], kv[1]);
        }
        List<JmhRow> rows = JmhResults.read(Path.of(args[0]));
        String tables = new MarkdownReport(baselines).render(rows);
        if (args[1].equals("-")) {
            System.out.print(tables);
            return;
        }
        Path doc = Path.of(args[1]);
        String old = Files.exists(doc) ? Files.readString(doc, StandardCharsets.UTF_8) : "";
        Files.writeString(doc, splice(old, tables), StandardCharsets.UTF_8);
        System.out.println("wrote " + rows.size() + " results into " + doc);
    }

    /** Replaces the text between the markers in {@code doc} with {@code tables}, or appends both. */
    static String splice(String doc, String tables) {
        return GeneratedSection.splice(doc, BEGIN, END, tables);
    }
}
