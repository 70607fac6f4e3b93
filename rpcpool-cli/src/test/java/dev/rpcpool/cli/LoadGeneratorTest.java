package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    @Test
    void countsCallsErrorsAndConnectionsAndMeasuresLatency() throws Exception {
        AtomicInteger n = new AtomicInteger();
        AtomicLong opened = new AtomicLong(0);
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        LoadGenerator load = new LoadGenerator("test", 4, Duration.ofMillis(100), Duration.ofMillis(1500),
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
                "alloc_bytes_per_call", "cpu_us_per_call", "context_switches_per_call");
    }

    @Test
    void allocationPerCallCountsWhatTheCallsAllocateAfterTheWarmUpOnly() throws Exception {
        java.util.concurrent.atomic.AtomicReference<byte[]> sink = new java.util.concurrent.atomic.AtomicReference<>();
        long started = System.nanoTime();
        LoadGenerator load = new LoadGenerator("alloc", 2, Duration.ofMillis(300), Duration.ofMillis(700),
                new PrintStream(new ByteArrayOutputStream(), true));
        LoadResult r = load.run(() -> {
            // 64 KiB per call during the warm-up, 10,000 bytes after it: only the latter may count
            boolean warmingUp = System.nanoTime() - started < Duration.ofMillis(250).toNanos();
            sink.set(new byte[warmingUp ? 65_536 : 10_000]);
            Thread.sleep(1);
        }, () -> 0);
        assertThat(r.perCall().heapBytes()).isBetween(10_000L, 20_000L);
    }

    @Test
    void cpuPerCallCountsTheCpuTimeTheCallsUse() throws Exception {
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        Assumptions.assumeTrue(threads.isCurrentThreadCpuTimeSupported() && CallCostMeter.processCpuNanos() >= 0);
        LoadGenerator load = new LoadGenerator("cpu", 2, Duration.ofMillis(200), Duration.ofMillis(800),
                new PrintStream(new ByteArrayOutputStream(), true));
        LoadResult r = load.run(() -> {
            // 1 ms of this thread's own CPU time, however long the machine makes it take
            long until = threads.getCurrentThreadCpuTime() + 1_000_000;
            while (threads.getCurrentThreadCpuTime() < until) {
                Thread.onSpinWait();
            }
        }, () -> 0);
        // at least the 1 ms each call burnt; the JVM's other threads add a little on top
        assertThat(r.perCall().cpuMicros()).isBetween(1_000.0, 3_000.0);
        assertThat(r.toJsonFields()).containsKey("cpu_us_per_call");
    }

    @Test
    void contextSwitchesPerCallCountsACallThatBlocks() throws Exception {
        Assumptions.assumeTrue(ContextSwitches.now() != null, "/proc/self/task (Linux) is needed to count switches");
        LoadGenerator load = new LoadGenerator("switches", 2, Duration.ofMillis(200), Duration.ofMillis(800),
                new PrintStream(new ByteArrayOutputStream(), true));
        LoadResult r = load.run(() -> Thread.sleep(2), () -> 0);
        // a sleeping caller gives up its CPU once per call at least; far fewer than 20 switches per call
        assertThat(r.perCall().contextSwitches()).isBetween(1.0, 20.0);
        assertThat(r.perCall().describe()).contains("context switches");
    }

    @Test
    void asyncCallersKeepExactlyConcurrencyCallsOutstandingAndSurviveCallsThatFailAtOnce() throws Exception {
        int concurrency = 8;
        AtomicInteger n = new AtomicInteger();
        try (SlowCalls calls = new SlowCalls(1)) {
            LoadGenerator load = new LoadGenerator("async", concurrency, Duration.ofMillis(100), Duration.ofMillis(1000),
                    new PrintStream(new ByteArrayOutputStream(), true));
            LoadResult r = load.runAsync(() -> {
                if (n.incrementAndGet() % 5 == 0) {
                    // fails synchronously, as a pool that is shut down would: must neither recurse nor stall
                    return CompletableFuture.failedFuture(new IllegalStateException("down"));
                }
                return calls.start();
            }, () -> 1);

            assertThat(calls.peak.get()).as("calls outstanding at once").isEqualTo(concurrency);
            assertThat(r.calls()).isPositive();
            assertThat(r.errors()).isPositive();
            assertThat(r.p50Micros()).isGreaterThanOrEqualTo(900);
            assertThat(calls.outstanding.get()).as("every chain waited for its last call").isZero();
        }
    }

    @Test
    void aFixedRateStartsCallsOnScheduleWhateverTheyTakeAndNeverMoreThanConcurrencyAtOnce() throws Exception {
        int maxOutstanding = 4;
        try (SlowCalls calls = new SlowCalls(1)) {
            LoadGenerator load = new LoadGenerator("rate", maxOutstanding, Duration.ofMillis(200), Duration.ofMillis(1000),
                    new PrintStream(new ByteArrayOutputStream(), true));
            // 1,000 calls/s of 1 ms each: the schedule, not the replies, sets the pace (a closed loop of
            // 4 callers would make ~4,000 calls/s); about one call is out at a time, never more than 4
            LoadResult r = load.runAtRate(calls::start, 1_000, List.of(calls.timer), () -> 1);

            assertThat(r.qps()).isBetween(850.0, 1_050.0);
            assertThat(calls.started.get()).isBetween(1_100, 1_250); // warm-up and measured time, on schedule
            assertThat(calls.peak.get()).isLessThanOrEqualTo(maxOutstanding);
            assertThat(r.p50Micros()).isGreaterThanOrEqualTo(900);
            assertThat(calls.outstanding.get()).as("the run waited for its last call").isZero();
            assertThat(r.errors()).isZero();
            // on schedule: a call starts at the first tick (every 100 us here) after it is due
            assertThat(r.startLag().p50Micros()).isBetween(0L, 2_000L);
            assertThat(r.startLag().maxMicros()).isGreaterThanOrEqualTo(r.startLag().p99Micros());
            assertThat(r.toJsonFields()).containsKeys("start_lag_p50_us", "start_lag_p99_us", "start_lag_max_us");
        }
    }

    @Test
    void severalTickersKeepTheScheduleWhenOneIsHeldUpAndNeverStartACallTwice() throws Exception {
        int maxOutstanding = 4;
        ScheduledExecutorService stalled = Executors.newSingleThreadScheduledExecutor();
        try (SlowCalls calls = new SlowCalls(1)) {
            // one ticker's thread is held up for 600 ms of the run, as a descheduled I/O thread would be
            stalled.execute(() -> sleepQuietly(600));
            LoadGenerator load = new LoadGenerator("two-tickers", maxOutstanding, Duration.ofMillis(200),
                    Duration.ofMillis(1000), new PrintStream(new ByteArrayOutputStream(), true));
            LoadResult r = load.runAtRate(calls::start, 1_000, List.of(stalled, calls.timer), () -> 1);

            // each due call started once: two tickers claiming the same call would make ~2,400
            assertThat(calls.started.get()).isBetween(1_100, 1_250);
            assertThat(calls.peak.get()).isLessThanOrEqualTo(maxOutstanding);
            assertThat(calls.outstanding.get()).as("the run waited for its last call").isZero();
            // the other ticker kept the schedule: no call waited for the held-up one
            assertThat(r.startLag().p99Micros()).isLessThan(50_000);
            assertThat(r.errors()).isZero();
        } finally {
            stalled.shutdownNow();
        }
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void aCallDueWhileAllSlotsAreTakenCountsItsWaitInItsLatency() throws Exception {
        // one slot, calls due every 1 ms, each taking 5 ms: the schedule falls ever further behind,
        // and a latency measured from when a call was due (not when it started) must show it
        try (SlowCalls calls = new SlowCalls(5)) {
            LoadGenerator load = new LoadGenerator("behind", 1, Duration.ZERO, Duration.ofMillis(300),
                    new PrintStream(new ByteArrayOutputStream(), true));
            LoadResult r = load.runAtRate(calls::start, 1_000, List.of(calls.timer), () -> 1);
            assertThat(r.qps()).as("one 5 ms call at a time").isLessThan(300.0);
            // ~300 calls were due in 300 ms and 60 could be made: the last made waited ~240 ms
            assertThat(r.maxMicros()).isGreaterThan(100_000);
            assertThat(r.p50Micros()).isGreaterThan(20_000);
            // the wait is the generator's: calls started that late, and took their 5 ms after
            assertThat(r.startLag().p50Micros()).isGreaterThan(15_000);
            assertThat(r.startLag().maxMicros()).isGreaterThan(90_000).isLessThanOrEqualTo(r.maxMicros());
        }
    }

    @Test
    void aRateThatIsNotAPositiveNumberIsRefusedByName() {
        LoadGenerator load = new LoadGenerator("bad", 1, Duration.ZERO, Duration.ofMillis(10),
                new PrintStream(new ByteArrayOutputStream(), true));
        try (SlowCalls calls = new SlowCalls(1)) {
            for (double rate : new double[] {0, -1, Double.NaN, Double.POSITIVE_INFINITY}) {
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> load.runAtRate(calls::start, rate, List.of(calls.timer), () -> 0))
                        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rate must be a positive");
            }
            assertThat(calls.started.get()).as("nothing was started").isZero();
        }
    }

    /** Calls that each complete after a fixed delay on a timer, counting how many are out at once. */
    private static final class SlowCalls implements AutoCloseable {
        final AtomicInteger outstanding = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger started = new AtomicInteger();
        final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
        private final long delayMillis;

        SlowCalls(long delayMillis) {
            this.delayMillis = delayMillis;
        }

        CompletableFuture<Integer> start() {
            started.incrementAndGet();
            peak.accumulateAndGet(outstanding.incrementAndGet(), Math::max);
            CompletableFuture<Integer> f = new CompletableFuture<>();
            timer.schedule(() -> {
                outstanding.decrementAndGet();
                f.complete(1);
            }, delayMillis, TimeUnit.MILLISECONDS);
            return f;
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }
}
