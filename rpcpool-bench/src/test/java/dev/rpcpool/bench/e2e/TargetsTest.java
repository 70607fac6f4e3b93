package dev.rpcpool.bench.e2e;

import static dev.rpcpool.bench.e2e.SummaryTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TargetsTest {

    /** One round of every contender the targets read, at c1 and c16, Arith.Multiply only. */
    static List<RunRecord> oneRound() {
        List<RunRecord> runs = new ArrayList<>();
        for (int c : new int[] {1, 16}) {
            runs.add(run(1, "rpcpool-multiplexed", "go", "multiply", c, 30_000, 100, 1_000));
            runs.add(run(1, "rpcpool-exclusive", "go", "multiply", c, 20_000, 150, 800));
            runs.add(run(1, "rpcpool-dial", "go", "multiply", c, 4_000, 250, 3_000));
            runs.add(run(1, "go-tutorial", "go", "multiply", c, 25_000, 90, 700));
            runs.add(run(1, "go-shared", "go", "multiply", c, 27_000, 95, 1_200));
            runs.add(run(1, "rpcpool-multiplexed", "java", "multiply", c, 28_000, 100, 1_000));
            runs.add(run(1, "grpc-java", "grpc", "multiply", c, 10_000, 300, 3_000));
            runs.add(run(1, "raw-echo", "rawecho", "multiply", c, 100_000, 20, 200));
        }
        return runs;
    }

    /** The targets of {@link #oneRound()} plus {@code extra} runs. */
    private static List<Targets.Row> rowsWith(RunRecord... extra) {
        List<RunRecord> runs = new ArrayList<>(oneRound());
        runs.addAll(List.of(extra));
        return new Targets(new Summary(runs)).rows();
    }

    private static Targets.Row find(List<Targets.Row> rows, String prefix, int c, double goal) {
        return rows.stream().filter(r -> r.target().startsWith(prefix) && r.concurrency() == c && r.goal() == goal)
                .findFirst().orElseThrow();
    }

    @Test
    void comparesTheBetterPoolModeWithTheBetterGoClientAndChecksP99() {
        List<Targets.Row> rows = new Targets(new Summary(oneRound())).rows();
        Targets.Row go = find(rows, "rpcpool ≥ Go", 16, 1);
        assertThat(go.ratio()).isCloseTo(30_000.0 / 27_000, within(1e-9));
        // faster, and its p99 (1,000 µs) is below go-shared's (1,200 µs)
        assertThat(go.met()).isTrue();
        assertThat(go.detail()).contains("rpcpool-multiplexed", "go-shared");
    }

    @Test
    void theSevenTimesRowsShowJavaCallersDoingTheirOwnIoWithoutCountingThemAsOurs() {
        List<Targets.Row> dial = rowsWith(run(1, "java-lockstep", "go", "multiply", 16, 34_000, 80, 900)).stream()
                .filter(r -> r.goal() == 7).toList();
        assertThat(dial).hasSize(2); // still one row per rpcpool mode: the probe is context, not a contender
        assertThat(dial).allSatisfy(r -> assertThat(r.detail()).endsWith(
                "go-shared → go 6.75×; Java callers doing their own I/O on blocking sockets (java-lockstep → go): 8.50×"));
    }

    @Test
    void aWorseP99FailsTheGoTargetEvenWhenFaster() {
        List<RunRecord> runs = new ArrayList<>(oneRound());
        runs.removeIf(r -> r.contender().equals("go-shared"));
        runs.add(run(1, "go-shared", "go", "multiply", 16, 27_000, 95, 500));
        Targets.Row go = find(new Targets(new Summary(runs)).rows(), "rpcpool ≥ Go", 16, 1);
        assertThat(go.ratio()).isGreaterThan(1);
        assertThat(go.met()).isFalse();
    }

    @Test
    void computesTheGrpcDialAndCeilingRatios() {
        List<Targets.Row> rows = new Targets(new Summary(oneRound())).rows();
        Targets.Row grpc = find(rows, "rpcpool ≥ 2× gRPC", 16, 2);
        assertThat(grpc.ratio()).isCloseTo(2.8, within(1e-9));
        assertThat(grpc.met()).isTrue();

        List<Targets.Row> dial = rows.stream().filter(r -> r.goal() == 7).toList();
        assertThat(dial).hasSize(2).allMatch(r -> r.concurrency() == 16);
        assertThat(dial.get(0).ratio()).isCloseTo(7.5, within(1e-9));
        assertThat(dial.get(0).met()).isTrue();
        assertThat(dial.get(1).ratio()).isCloseTo(5.0, within(1e-9)); // exclusive: 20k / 4k
        assertThat(dial.get(1).met()).isFalse();
        // Go's own clients against the same connection per call, for context: 25k / 4k and 27k / 4k
        assertThat(dial).allSatisfy(r -> assertThat(r.detail())
                .endsWith("; Go's own clients: go-tutorial → go 6.25×, go-shared → go 6.75×"));

        Targets.Row raw = find(rows, "rpcpool ≥ 50%", 1, 0.5);
        assertThat(raw.ratio()).isCloseTo(0.3, within(1e-9));
        assertThat(raw.met()).isFalse();
    }

    @Test
    void asyncChainsCountAsRpcpoolAgainstGoAndTheCeilingButNotAgainstBlockingGrpcStubs() {
        List<Targets.Row> rows = rowsWith(run(1, "rpcpool-async", "go", "multiply", 16, 60_000, 80, 900));

        Targets.Row go = find(rows, "rpcpool ≥ Go", 16, 1);
        assertThat(go.ratio()).isCloseTo(60_000.0 / 27_000, within(1e-9));
        assertThat(go.detail()).contains("rpcpool-async", "go-shared");
        Targets.Row raw = find(rows, "rpcpool ≥ 50%", 16, 0.5);
        assertThat(raw.ratio()).isCloseTo(0.6, within(1e-9));
        assertThat(raw.met()).isTrue();
        assertThat(find(rows, "rpcpool ≥ 2× gRPC", 16, 2).detail()).contains("rpcpool-multiplexed → java");
        assertThat(rows.stream().filter(r -> r.goal() == 7)).hasSize(3);
    }

    /** Polling blocking callers, and async chains on an exclusive pool: each counts on its own. */
    @ParameterizedTest
    @ValueSource(strings = {"rpcpool-spin", "rpcpool-exclusive-async"})
    void anotherWayToCallHasItsOwnRowAgainstDialingAndCanBeTheBestAgainstGo(String contender) {
        List<Targets.Row> rows = rowsWith(run(1, contender, "go", "multiply", 16, 36_000, 300, 900));

        List<Targets.Row> dial = rows.stream().filter(r -> r.goal() == 7).toList();
        assertThat(dial).hasSize(3);
        assertThat(dial.get(2).detail()).startsWith(contender + " → go 36,000 vs rpcpool-dial → go 4,000");
        assertThat(dial.get(2).ratio()).isCloseTo(9.0, within(1e-9));
        assertThat(dial.get(2).met()).isTrue();
        assertThat(find(rows, "rpcpool ≥ Go", 16, 1).detail()).contains(contender);
    }

    @Test
    void blockingCallersOnVirtualThreadsAreTwoMoreWaysAgainstDialing() {
        List<Targets.Row> dial = rowsWith(
                run(1, "rpcpool-vthreads", "go", "multiply", 16, 32_000, 400, 1_300),
                run(1, "rpcpool-exclusive-vthreads", "go", "multiply", 16, 26_000, 500, 1_500)).stream()
                .filter(r -> r.goal() == 7).toList();
        assertThat(dial).hasSize(4);
        assertThat(dial.get(2).detail()).startsWith("rpcpool-vthreads → go 32,000 vs rpcpool-dial → go 4,000");
        assertThat(dial.get(2).ratio()).isCloseTo(8.0, within(1e-9));
        assertThat(dial.get(2).met()).isTrue();
        assertThat(dial.get(3).detail()).startsWith("rpcpool-exclusive-vthreads → go");
        assertThat(dial.get(3).ratio()).isCloseTo(6.5, within(1e-9));
        assertThat(dial.get(3).met()).isFalse();
    }

    @Test
    void onTheJavaServerRpcpoolIsComparedWithGoClientsCallingThatSameServer() {
        List<Targets.Row> rows = rowsWith(
                run(1, "rpcpool-async", "java-direct", "multiply", 16, 200_000, 60, 200),
                run(1, "go-shared", "java-direct", "multiply", 16, 65_000, 180, 900),
                run(1, "go-shared", "java", "multiply", 16, 35_000, 300, 1_100));

        List<Targets.Row> onJava = rows.stream().filter(r -> r.target().contains("same rpcpool Java server")
                && r.concurrency() == 16).toList();
        assertThat(onJava).hasSize(2);
        // the default server: blocking multiplexed (28k) against go-shared (35k) on it, not the Go server's clients
        assertThat(onJava.get(0).ratio()).isCloseTo(28_000.0 / 35_000, within(1e-9));
        assertThat(onJava.get(0).met()).isFalse();
        assertThat(onJava.get(1).ratio()).isCloseTo(200_000.0 / 65_000, within(1e-9));
        assertThat(onJava.get(1).detail()).contains("rpcpool-async → java-direct", "go-shared → java-direct");
        assertThat(onJava.get(1).met()).isTrue();

        // the ceiling: once against the Go server, once against the better Java server
        assertThat(find(rows, "rpcpool ≥ 50% of the raw TCP echo ceiling (Go server)", 16, 0.5).ratio())
                .isCloseTo(0.3, within(1e-9));
        Targets.Row rawJava = find(rows, "rpcpool ≥ 50% of the raw TCP echo ceiling (rpcpool Java server)", 16, 0.5);
        assertThat(rawJava.ratio()).isCloseTo(2.0, within(1e-9));
        assertThat(rawJava.detail()).contains("rpcpool-async → java-direct");
    }

    @Test
    void theLockstepClientShowsWhatTheGoServerAllowsButIsNotOneOfTheGoClients() {
        List<Targets.Row> rows = rowsWith(run(1, "go-lockstep", "go", "multiply", 16, 40_000, 80, 600));

        Targets.Row raw = find(rows, "rpcpool ≥ 50% of the raw TCP echo ceiling (Go server)", 16, 0.5);
        assertThat(raw.ratio()).isCloseTo(0.3, within(1e-9)); // still rpcpool against the echo
        assertThat(raw.detail()).contains("go-lockstep → go (a client that only writes and reads) 40,000 calls/s"
                + " = 40% of the echo, rpcpool 75% of that");
        // Go's rpc.Client (go-shared, 27k) is the one rpcpool is measured against, not the probe (40k)
        assertThat(find(rows, "rpcpool ≥ Go", 16, 1).detail()).contains("go-shared").doesNotContain("lockstep");
        assertThat(rows).hasSize(new Targets(new Summary(oneRound())).rows().size());
    }

    @Test
    void theTutorialClaimIsTheFractionByWhichP50WentDown() {
        Targets.Row claim = new Targets(new Summary(oneRound())).rows().stream()
                .filter(r -> r.target().equals(Targets.TUTORIAL_CLAIM)).findFirst().orElseThrow();
        assertThat(claim.ratio()).isCloseTo(0.6, within(1e-9)); // 100 µs pooled vs 250 µs dialing
        assertThat(claim.met()).isTrue();
        assertThat(claim.detail()).contains("2.5× faster");
    }

    @Test
    void targetsWhoseRunsAreMissingAreLeftOut() {
        List<RunRecord> runs = new ArrayList<>(oneRound());
        runs.removeIf(r -> r.contender().equals("grpc-java") || r.concurrency() == 1);
        List<Targets.Row> rows = new Targets(new Summary(runs)).rows();
        assertThat(rows).noneMatch(r -> r.target().contains("gRPC"));
        assertThat(rows).noneMatch(r -> r.target().equals(Targets.TUTORIAL_CLAIM));
        assertThat(rows).isNotEmpty();
    }
}
