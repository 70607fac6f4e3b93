package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ClosedLoopLoadTest {

    @Test
    void countsCallsErrorsAndConnectionsAndMeasuresLatency() throws Exception {
        AtomicInteger n = new AtomicInteger();
        AtomicLong opened = new AtomicLong(0);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        ClosedLoopLoad load = new ClosedLoopLoad("test", 4, Duration.ofMillis(100), Duration.ofMillis(1500),
                new PrintStream(progress, true));
        LoadResult r = load.run(() -> {
            if (n.incrementAndGet() % 10 == 0) {
                throw new IllegalStateException("every tenth call fails");
            }
            opened.compareAndSet(0, 2);
            Thread.sleep(1); // ~1 ms per call: latency must show it
        }, opened::get);

        assertThat(r.calls()).isPositive();
        assertThat(r.errors()).isPositive();
        assertThat(r.errors()).isLessThan(r.calls());
        assertThat(r.p50Micros()).isGreaterThanOrEqualTo(900);
        assertThat(r.p99Micros()).isGreaterThanOrEqualTo(r.p50Micros());
        assertThat(r.maxMicros()).isGreaterThanOrEqualTo(r.p99Micros());
        assertThat(r.qps()).isBetween(r.calls() / 2.0, r.calls() / 1.0);
        assertThat(r.connectionsOpened()).isEqualTo(2);
        assertThat(progress.toString()).contains("calls/s");
        assertThat(r.toJsonFields()).containsOnlyKeys(
                "calls", "qps", "p50_us", "p90_us", "p99_us", "max_us", "errors", "connections_opened");
    }
}
