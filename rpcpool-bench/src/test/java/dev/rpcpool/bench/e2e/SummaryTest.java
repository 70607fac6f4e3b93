package dev.rpcpool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class SummaryTest {

    static RunRecord run(int round, String contender, String server, String workload, int c, double qps, long p50,
            long p99) {
        return new RunRecord(round, contender, server, workload, c, 1.5, qps, p50, p99, 0, 8,
                contender.startsWith("rpcpool") ? new ClientCost(500 + round, 30 + round, 1.5)
                        : contender.startsWith("go-") ? new ClientCost(ClientCost.NOT_REPORTED, 20 + round, 0.5)
                        : ClientCost.NONE);
    }

    @Test
    void medianOfAnOddCountIsTheMiddleValue() {
        assertThat(Summary.median(List.of(9.0, 1.0, 5.0))).isEqualTo(5.0);
    }

    @Test
    void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
        assertThat(Summary.median(List.of(4.0, 1.0, 10.0, 2.0))).isEqualTo(3.0);
    }

    @Test
    void medianOfNothingIsRefused() {
        assertThatThrownBy(() -> Summary.median(List.of())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void oneDisturbedRoundDoesNotMoveTheMedian() {
        Summary s = new Summary(List.of(
                run(1, "rpcpool-multiplexed", "go", "multiply", 16, 40_000, 300, 900),
                run(2, "rpcpool-multiplexed", "go", "multiply", 16, 2_000, 9_000, 90_000),
                run(3, "rpcpool-multiplexed", "go", "multiply", 16, 42_000, 320, 1_000),
                run(1, "go-shared", "go", "multiply", 16, 30_000, 500, 2_000)));

        Summary.Row row = s.get("rpcpool-multiplexed", "go", "multiply", 16).orElseThrow();
        assertThat(row.runs()).isEqualTo(3);
        assertThat(row.qps()).isEqualTo(40_000);
        assertThat(row.p50Micros()).isEqualTo(320);
        assertThat(row.p99Micros()).isEqualTo(1_000);
        assertThat(s.rows()).hasSize(2);
        assertThat(s.get("rpcpool-multiplexed", "java", "multiply", 16)).isEmpty();
    }

    @Test
    void readsTheLinesTheScriptWrites() throws Exception {
        RunRecord r = RunRecord.parse("{\"round\":2,\"contender\":\"grpc-java\",\"server\":\"grpc\",\"workload\":\"echo1k\","
                + "\"concurrency\":64,\"load1\":3.25,\"calls\":1000,\"qps\":250.5,\"p50_us\":120,\"p90_us\":200,"
                + "\"p99_us\":900,\"max_us\":1200,\"errors\":1,\"connections_opened\":1}");
        assertThat(r).isEqualTo(new RunRecord(2, "grpc-java", "grpc", "echo1k", 64, 3.25, 250.5, 120, 900, 1, 1,
                ClientCost.NONE));
        RunRecord counted = RunRecord.parse("{\"round\":1,\"contender\":\"rpcpool-async\",\"server\":\"go\","
                + "\"workload\":\"multiply\",\"concurrency\":1,\"load1\":2,\"qps\":9,\"p50_us\":1,\"p99_us\":2,"
                + "\"errors\":0,\"connections_opened\":1,\"alloc_bytes_per_call\":557,\"cpu_us_per_call\":12.5,"
                + "\"context_switches_per_call\":0.15}");
        assertThat(counted.perCall()).isEqualTo(new ClientCost(557, 12.5, 0.15));
    }

    @Test
    void eachClientCostIsTheMedianOfTheRunsThatReportedItAndUnknownWhenNoneDid() {
        Summary s = new Summary(List.of(
                run(1, "rpcpool-async", "go", "multiply", 1, 10_000, 80, 200),
                run(2, "rpcpool-async", "go", "multiply", 1, 11_000, 80, 200),
                run(3, "rpcpool-async", "go", "multiply", 1, 12_000, 80, 200),
                run(1, "go-shared", "go", "multiply", 1, 9_000, 100, 250),
                run(2, "go-shared", "go", "multiply", 1, 9_000, 100, 250),
                run(1, "grpc-java", "grpc", "multiply", 1, 4_000, 200, 400)));
        assertThat(s.get("rpcpool-async", "go", "multiply", 1).orElseThrow().perCall())
                .isEqualTo(new ClientCost(502, 32, 1.5));
        assertThat(s.get("go-shared", "go", "multiply", 1).orElseThrow().perCall())
                .as("Go's clients count CPU and switches, not heap bytes")
                .isEqualTo(new ClientCost(ClientCost.NOT_REPORTED, 21.5, 0.5));
        assertThat(s.get("grpc-java", "grpc", "multiply", 1).orElseThrow().perCall()).isEqualTo(ClientCost.NONE);
    }

    @Test
    void aLineWithoutAFieldIsRefusedByName() {
        assertThatThrownBy(() -> RunRecord.parse("{\"round\":1}"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("contender");
    }
}
