package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RequestStatsTest {

    @Test
    void anIntervalBecomesOneLineAndTheCountsStartAgain() {
        RequestStats stats = new RequestStats();
        for (int i = 0; i < 1_200; i++) {
            stats.requestEnded("Arith.Multiply", true, 1_000, null);
        }
        stats.requestEnded("Arith.Divide", true, 1_000, "divide by zero");
        stats.requestEnded("Nope.X", false, 1_000, "rpc: can't find service Nope.X");
        stats.requestEnded("Nope.Y", false, 1_000, "rpc: can't find service Nope.Y");
        assertThat(stats.drain(Duration.ofSeconds(10))).isEqualTo("rpcpool: last 10s: 1,203 requests (120/s), 3 failed;"
                + " (unknown methods) 2, Arith.Divide 1, Arith.Multiply 1,200");
        assertThat(stats.drain(Duration.ofSeconds(10))).as("a quiet interval prints nothing").isNull();
        stats.requestEnded("Echo.Bytes", true, 1_000, null);
        assertThat(stats.drain(Duration.ofMillis(500))).isEqualTo("rpcpool: last 500ms: 1 request (2/s), 0 failed; Echo.Bytes 1");
    }
}
