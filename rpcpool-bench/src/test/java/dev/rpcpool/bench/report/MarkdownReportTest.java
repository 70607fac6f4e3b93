package dev.rpcpool.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Checks the JMH JSON reader and the Markdown it produces on a real (trimmed) JMH 1.37 result. */
class MarkdownReportTest {

    private static List<JmhRow> sample() throws Exception {
        return JmhResults.read(resource("/jmh-sample.json"));
    }

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(MarkdownReportTest.class.getResource(name).toURI());
    }

    @Test
    void readsScoresParamsAndAllocation() throws Exception {
        List<JmhRow> rows = sample();
        assertThat(rows).hasSize(4);
        JmhRow first = rows.get(0);
        assertThat(first.benchmarkClass()).isEqualTo("PoolCycleBenchmark");
        assertThat(first.method()).isEqualTo("threads2");
        assertThat(first.threads()).isEqualTo(2);
        assertThat(first.params()).containsKeys("pool", "size");
        assertThat(first.unit()).isEqualTo("ns/op");
        assertThat(first.score()).isPositive();
        assertThat(first.best()).isPositive().isLessThanOrEqualTo(first.median());
        assertThat(first.bytesPerOp()).isNotNaN();
    }

    @Test
    void rendersOneRowPerResultWithSpeedUpOverTheBaseline() throws Exception {
        String md = new MarkdownReport(Map.of("pool", "commons-pool2")).render(sample());
        assertThat(md).contains("### PoolCycleBenchmark", "speed-up vs commons-pool2 (median)", "best", "B/op", "total Mops/s (median)");
        assertThat(md.lines().filter(l -> l.startsWith("| threads2 "))).hasSize(4);
        // a baseline row is 1.0x itself
        assertThat(md.lines().filter(l -> l.contains("| commons-pool2 |"))).allMatch(l -> l.endsWith("| 1.0× |"));
    }

    @Test
    void splicesBetweenMarkersAndKeepsTheRest() {
        String doc = "intro\n" + JmhMarkdown.BEGIN + "\nold\n" + JmhMarkdown.END + "\noutro\n";
        String spliced = JmhMarkdown.splice(doc, "NEW\n");
        assertThat(spliced).startsWith("intro\n").endsWith("outro\n").contains("NEW").doesNotContain("old");
        assertThat(JmhMarkdown.splice(spliced, "NEWER\n")).contains("NEWER").doesNotContain("NEW\n" + JmhMarkdown.END);
    }

    @Test
    void appendsMarkersWhenTheDocumentHasNone() {
        assertThat(JmhMarkdown.splice("text", "T\n")).startsWith("text\n" + JmhMarkdown.BEGIN).endsWith(JmhMarkdown.END + "\n");
    }

    @Test
    void formatsToAboutThreeSignificantFigures() {
        assertThat(MarkdownReport.fmt(1234.5)).isEqualTo("1235");
        assertThat(MarkdownReport.fmt(12.345)).isEqualTo("12.3");
        assertThat(MarkdownReport.fmt(1.2345)).isEqualTo("1.23");
        assertThat(MarkdownReport.fmt(0.0012345)).isEqualTo("0.00123");
        assertThat(MarkdownReport.fmt(0.5)).isEqualTo("0.5");
        assertThat(MarkdownReport.fmt(Double.NaN)).isEqualTo("n/a");
    }
}
