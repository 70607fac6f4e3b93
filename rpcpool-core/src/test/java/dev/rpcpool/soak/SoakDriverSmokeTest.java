package dev.rpcpool.soak;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The soak driver, compressed to seconds: every fault once, and a verdict that must pass. */
class SoakDriverSmokeTest {

    @Test
    void aShortSoakWithEveryKindOfFaultPassesItsOwnVerdict() throws Exception {
        ByteArrayOutputStream text = new ByteArrayOutputStream();
        SoakOptions options = new SoakOptions(Duration.ofSeconds(9), Duration.ofSeconds(2), Duration.ofMillis(1200), 2);
        SoakReport report = new SoakDriver(options, new PrintStream(text, true, StandardCharsets.UTF_8)).run();
        String printed = text.toString(StandardCharsets.UTF_8);
        System.out.println(printed);

        assertThat(report.problems()).as(printed).isEmpty();
        assertThat(report.faultsInjected()).as("every kind of fault was injected").containsOnlyKeys(FaultInjector.Kind.values());
        assertThat(report.ok()).isPositive();
        assertThat(report.expectedFailures()).as("server errors and calls slower than their deadline").isPositive();
        assertThat(report.samples()).hasSizeGreaterThanOrEqualTo(4);
        assertThat(printed).contains("[    2s] calls=").contains("verdict: PASS");
    }

    @Test
    void theVerdictCatchesCrossTalkLeaksAndGrowth() {
        ProcessSample base = new ProcessSample(0, 50_000_000, 200_000_000, 40, 20);
        List<ProcessSample> flat = IntStream.range(0, 12)
                .mapToObj(i -> new ProcessSample(i * 10_000L, 50_000_000, 200_000_000, 60, 40)).toList();
        List<ProcessSample> growing = IntStream.range(0, 12)
                .mapToObj(i -> new ProcessSample(i * 10_000L, 50_000_000 + i * 20_000_000L, 200_000_000, 60 + i * 5, 40))
                .toList();
        Duration tenMinutes = Duration.ofMinutes(10);

        assertThat(SoakVerdict.problems(tenMinutes, 100, List.of(), Map.of(), 100, 0, 0, base, flat, base)).isEmpty();
        assertThat(SoakVerdict.problems(tenMinutes, 100, List.of("FAST: expected 2*3, got 7"), Map.of(), 100, 0, 0,
                base, flat, base))
                .singleElement().asString().contains("cross-talk");
        assertThat(SoakVerdict.problems(tenMinutes, 100, List.of(), Map.of(), 100, 0, 0, base, growing, base))
                .anySatisfy(p -> assertThat(p).startsWith("heap after GC grew"))
                .anySatisfy(p -> assertThat(p).startsWith("open fds grew"));
        assertThat(SoakVerdict.problems(tenMinutes, 100, List.of(), Map.of(), 100, 0, 0, base, flat,
                new ProcessSample(0, 0, 0, 52, 20))).singleElement().asString().startsWith("file descriptors after close");
        assertThat(SoakVerdict.problems(tenMinutes, 100, List.of(), Map.of("IllegalStateException", "boom"), 100, 0,
                1, base, flat, base)).hasSize(2);
    }
}
