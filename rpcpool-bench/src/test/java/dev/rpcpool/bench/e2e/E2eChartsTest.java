package dev.rpcpool.bench.e2e;

import static dev.rpcpool.bench.e2e.SummaryTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report's charts are written as real PNGs, headless, and their log axes start below every bar. */
class E2eChartsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void writesACallsAndALatencyChartPerWorkload(@TempDir Path dir) throws Exception {
        Summary summary = new Summary(List.of(
                run(1, "rpcpool-async", "go", "multiply", 16, 60_000, 200, 1_000),
                run(1, "rpcpool-dial", "go", "multiply", 16, 1_500, 2_500, 8_000),
                run(1, "rpcpool-async", "go", "echo1k", 1, 13_000, 57, 199)));

        Map<String, Path> charts = E2eCharts.write(summary, dir);

        assertThat(charts).containsOnlyKeys("multiply", "multiply-latency", "echo1k", "echo1k-latency");
        for (Path png : charts.values()) {
            byte[] bytes = Files.readAllBytes(png);
            assertThat(bytes.length).as(png.toString()).isGreaterThan(1_000);
            assertThat(Arrays.copyOf(bytes, 4)).as(png.toString()).isEqualTo(PNG_MAGIC);
        }
    }

    @Test
    void aChartWithManySeriesGrowsTallEnoughForItsLegend(@TempDir Path dir) throws Exception {
        List<RunRecord> runs = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            runs.add(run(1, "contender-" + i, "go", "multiply", 16, 10_000 + i, 200, 1_000));
        }
        Path many = E2eCharts.write(new Summary(runs), dir.resolve("many")).get("multiply");
        Path few = E2eCharts.write(new Summary(runs.subList(0, 3)), dir.resolve("few")).get("multiply");

        assertThat(ImageIO.read(many.toFile()).getHeight()).isEqualTo(80 + 28 * 20);
        assertThat(ImageIO.read(few.toFile()).getHeight()).isEqualTo(520);
    }

    @Test
    void aLogAxisStartsAtThePowerOfTenAtOrBelowTheSmallestBar() {
        assertThat(E2eCharts.powerOfTenBelow(1_550)).isEqualTo(1_000);
        assertThat(E2eCharts.powerOfTenBelow(95)).isEqualTo(10);
        assertThat(E2eCharts.powerOfTenBelow(1_000)).isEqualTo(1_000);
        assertThat(E2eCharts.powerOfTenBelow(1)).isEqualTo(1);
    }
}
