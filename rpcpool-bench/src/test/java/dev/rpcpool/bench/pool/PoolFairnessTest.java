package dev.rpcpool.bench.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The fairness tool's measurement, its result line, and its table. */
class PoolFairnessTest {

    @Test
    void countsEachThreadsCyclesAndTheLongestCycle() throws Exception {
        // rpcpool hands the one object to the queued thread at each release, so the two threads
        // alternate: a tool that gave all cycles to one thread, or lost one thread's, fails here
        FairnessResult r = PoolFairness.measure(Contender.RPCPOOL_EXCLUSIVE, 2, 1, Duration.ofMillis(200),
                Duration.ofSeconds(1));

        assertThat(r.totalCycles()).isPositive();
        assertThat(r.cyclesPerThread()).doesNotContain(0L);
        assertThat(r.fewestShare()).isGreaterThan(0.2);
        assertThat(r.longestCycleNanos()).isPositive().isLessThan(Duration.ofSeconds(1).toNanos());
    }

    @Test
    void everyContenderCompletesAMeasuredRun() throws Exception {
        for (Contender c : Contender.values()) {
            FairnessResult r = PoolFairness.measure(c, 2, 4, Duration.ZERO, Duration.ofMillis(50));
            assertThat(r.pool()).isEqualTo(c.paramName());
            assertThat(r.totalCycles()).as(c.paramName()).isPositive();
        }
    }

    @Test
    void resultLineRoundTrips() {
        FairnessResult r = new FairnessResult("stormpot", 3, 1, 3_000_000_000L, new long[] {10, 0, 20}, 2_500_000_000L);

        FairnessResult back = FairnessResult.parse(r.toLine());

        assertThat(back.pool()).isEqualTo("stormpot");
        assertThat(back.cyclesPerThread()).containsExactly(10, 0, 20);
        assertThat(back.longestCycleNanos()).isEqualTo(2_500_000_000L);
        assertThat(back.cyclesPerSecond()).isEqualTo(10.0);
        assertThat(back.fewestShare()).isZero();
    }

    @Test
    void fewestShareIsTheSmallestCountOverAnEqualSplit() {
        FairnessResult r = new FairnessResult("rpcpool", 2, 1, 1_000_000_000L, new long[] {300, 100}, 1_000);

        assertThat(r.fewestShare()).isEqualTo(0.5);
        assertThat(r.markdownRow()).isEqualTo("| 2 | 1 | rpcpool | 400 | 5,000,000.0 | 50% | 1 µs |");
    }

    @Test
    void aLineThatIsNotAResultIsRefusedWithTheLine() {
        assertThatThrownBy(() -> FairnessResult.parse("rpcpool\t2\t1\t100"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a fairness result line")
                .hasMessageContaining("rpcpool");
    }

    @Test
    void tableHasAHeaderAndOneRowPerRun() {
        String table = PoolFairness.markdownTable(List.of(
                new FairnessResult("rpcpool", 2, 1, 1_000_000_000L, new long[] {1, 1}, 1_000),
                new FairnessResult("abq", 2, 1, 1_000_000_000L, new long[] {1, 1}, 1_000)));

        assertThat(table.lines()).hasSize(4);
        assertThat(table).contains("| rpcpool |").contains("| abq |");
    }
}
