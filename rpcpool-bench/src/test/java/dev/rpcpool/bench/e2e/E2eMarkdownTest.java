package dev.rpcpool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.bench.report.GeneratedSection;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class E2eMarkdownTest {
    private static final RunInfo INFO = new RunInfo("rpcpool-bench/run-e2e.sh --rounds 3", "rounds 3", "2026-01-01T00:00Z",
            2, "Some CPU", "OpenJDK 17", "go1.19", "Linux");

    private static String render() {
        List<RunRecord> runs = TargetsTest.oneRound();
        Summary summary = new Summary(runs);
        return E2eMarkdown.render(INFO, runs, summary, new Targets(summary).rows(),
                Map.of("multiply", "img/e2e-calls-multiply.png"));
    }

    @Test
    void statesTheCommandMachineAndLoad() {
        assertThat(render()).contains("`rpcpool-bench/run-e2e.sh --rounds 3`", "2 cores, Some CPU", "go1.19",
                "load average (1 min, read after each run): min 1.50, median 1.50, max 1.50");
    }

    @Test
    void hasATargetsTableWithMetAndNotMet() {
        String md = render();
        assertThat(md).contains("| target | workload | c | measured | goal | met | compared (medians) |");
        assertThat(md).contains("| 16 | 2.80× | ≥ 2.00× | met |");
        assertThat(md).contains("| 1 | 0.30× | ≥ 0.50× | **not met** |");
        assertThat(md).contains("| 60% lower | 40% lower | met |");
    }

    @Test
    void hasOneRowPerConfigurationWithItsChart() {
        String md = render();
        assertThat(md).contains("![calls/s by concurrency, multiply](img/e2e-calls-multiply.png)");
        List<String> rows = md.lines().filter(l -> l.startsWith("| rpcpool-") || l.startsWith("| go-")
                || l.startsWith("| grpc-") || l.startsWith("| raw-")).toList();
        assertThat(rows).hasSize(16);
        assertThat(md).contains("| client → server | c | calls/s | p50 µs | p99 µs | connections | client heap B/call"
                + " | client CPU µs/call | client switches/call | errors | runs |");
        assertThat(md).contains("| rpcpool-multiplexed → go | 16 | 30,000 | 100 | 1,000 | 8 | 501 | 31.0 | 1.50 | 0 | 1 |");
        assertThat(md).as("a client that does not count allocation")
                .contains("| go-shared → go | 16 | 27,000 | 95 | 1,200 | 8 | — | 21.0 | 0.50 | 0 | 1 |");
        assertThat(md).as("a client that counts nothing").containsPattern("\\| grpc-java → grpc \\| 16 \\| [0-9,]+ \\| [0-9,]+ \\| [0-9,]+ \\| 8 \\| — \\| — \\| — \\|");
        // every table row has as many cells as its header
        md.lines().filter(l -> l.startsWith("| rpcpool-multiplexed → go |") || l.startsWith("| go-shared → go |"))
                .forEach(l -> assertThat(l.split("\\|", -1)).hasSize(13));
    }

    @Test
    void splicingKeepsTheHandWrittenTextAroundTheMarkers() {
        String doc = "# Title\n\nintro\n\n" + E2eReport.BEGIN + "\nold\n" + E2eReport.END + "\n\n## Notes\nkept\n";
        String out = GeneratedSection.splice(doc, E2eReport.BEGIN, E2eReport.END, "new\n");
        assertThat(out).startsWith("# Title\n\nintro\n\n").endsWith("\n## Notes\nkept\n").contains("new\n")
                .doesNotContain("old");
    }
}
