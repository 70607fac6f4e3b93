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
                "calls", "qps", "p50_us", "p90_us", "p99_us", "max_us", "errors", "connections_opened",
                "alloc_bytes_per_call");
    }

    @Test
    void allocationPerCallCountsWhatTheCallsAllocateAfterTheWarmUpOnly() throws Exception {
        java.util.concurrent.atomic.AtomicReference<byte[]> sink = new java.util.concurrent.atomic.AtomicReference<>();
        long started = System.nanoTime();
        ClosedLoopLoad load = new ClosedLoopLoad("alloc", 2, Duration.ofMillis(300), Duration.ofMillis(700),
                new PrintStream(new ByteArrayOutputStream(), true));
        LoadResult r = load.run(() -> {
            // 64 KiB per call during the warm-up, 10,000 bytes after it: only the latter may count
            boolean warmingUp = System.nanoTime() - started < Duration.ofMillis(250).toNanos();
            sink.set(new byte[warmingUp ? 65_536 : 10_000]);
            Thread.sleep(1);
        }, () -> 0);
        assertThat(r.allocatedBytesPerCall()).isBetween(10_000L, 20_000L);
    }

    @Test
    void asyncCallersKeepExactlyConcurrencyCallsOutstandingAndSurviveCallsThatFailAtOnce() throws Exception {
        int concurrency = 8;
        AtomicInteger outstanding = new AtomicInteger();
        AtomicInteger peak = new AtomicInteger();
        AtomicInteger n = new AtomicInteger();
        java.util.concurrent.ScheduledExecutorService timer = java.util.concurrent.Executors.newScheduledThreadPool(2);
        try {
            ClosedLoopLoad load = new ClosedLoopLoad("async", concurrency, Duration.ofMillis(100), Duration.ofMillis(1000),
                    new PrintStream(new ByteArrayOutputStream(), true));
            LoadResult r = load.runAsync(() -> {
                if (n.incrementAndGet() % 5 == 0) {
                    // fails synchronously, as a pool that is shut down would: must neither recurse nor stall
                    return java.util.concurrent.CompletableFuture.failedFuture(new IllegalStateException("down"));
                }
                peak.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
                java.util.concurrent.CompletableFuture<Integer> f = new java.util.concurrent.CompletableFuture<>();
                timer.schedule(() -> {
                    outstanding.decrementAndGet();
                    f.complete(1);
                }, 1, java.util.concurrent.TimeUnit.MILLISECONDS);
                return f;
            }, () -> 1);

            assertThat(peak.get()).as("calls outstanding at once").isEqualTo(concurrency);
            assertThat(r.calls()).isPositive();
            assertThat(r.errors()).isPositive();
            assertThat(r.p50Micros()).isGreaterThanOrEqualTo(900);
            assertThat(outstanding.get()).as("every chain waited for its last call").isZero();
        } finally {
            timer.shutdownNow();
        }
    }
}
