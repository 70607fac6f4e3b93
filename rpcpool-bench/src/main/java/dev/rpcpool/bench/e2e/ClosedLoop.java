package dev.rpcpool.bench.e2e;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;

/**
 * N caller threads, each making its next call only after the previous one returned, for a warm-up
 * and then a measured interval; the gRPC contender's copy of what {@code rpcpool bench} does (that
 * one is internal to the CLI). Each caller records into its own histogram, merged at the end, so
 * recording needs no synchronisation. The process's CPU time over the measured interval, divided by
 * the calls in it, is reported as {@code cpu_us_per_call} (all threads: callers, the client
 * library's own, the JVM's), as {@code rpcpool bench} does.
 *
 * <p>Thread-safety: one {@link #run} at a time; the {@link Call} must be thread-safe.
 */
final class ClosedLoop {
    /** One call; throwing counts as an error. */
    @FunctionalInterface
    interface Call {
        void invoke() throws Exception;
    }

    private static final long MAX_NANOS = Duration.ofMinutes(1).toNanos();

    private ClosedLoop() {
    }

    /**
     * Runs {@code concurrency} callers and returns the JSON fields of {@code rpcpool bench --json}
     * (latencies in microseconds, calls/s over the measured interval).
     */
    static Map<String, Object> run(Call call, int concurrency, Duration warmup, Duration duration,
            long connectionsOpened) throws InterruptedException {
        long measureFrom = System.nanoTime() + warmup.toNanos();
        long stopAt = measureFrom + duration.toNanos();
        LongAdder errors = new LongAdder();
        Histogram[] perCaller = new Histogram[concurrency];
        Thread[] callers = new Thread[concurrency];
        for (int i = 0; i < concurrency; i++) {
            Histogram h = new Histogram(MAX_NANOS, 3);
            perCaller[i] = h;
            callers[i] = new Thread(() -> callUntil(call, measureFrom, stopAt, h, errors), "caller-" + i);
            callers[i].start();
        }
        long cpuFrom = cpuNanosAt(measureFrom);
        Histogram all = new Histogram(MAX_NANOS, 3);
        for (int i = 0; i < concurrency; i++) {
            callers[i].join();
            all.add(perCaller[i]);
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("calls", all.getTotalCount());
        m.put("qps", Math.round(all.getTotalCount() * 1e10 / duration.toNanos()) / 10.0);
        m.put("p50_us", micros(all.getValueAtPercentile(50)));
        m.put("p90_us", micros(all.getValueAtPercentile(90)));
        m.put("p99_us", micros(all.getValueAtPercentile(99)));
        m.put("max_us", micros(all.getMaxValue()));
        m.put("errors", errors.sum());
        m.put("connections_opened", connectionsOpened);
        long cpu = processCpuNanos();
        if (cpuFrom >= 0 && cpu >= cpuFrom && all.getTotalCount() > 0) {
            m.put("cpu_us_per_call", Math.round((cpu - cpuFrom) / 100.0 / all.getTotalCount()) / 10.0);
        }
        return m;
    }

    private static void callUntil(Call call, long measureFrom, long stopAt, Histogram h, LongAdder errors) {
        for (long t0 = System.nanoTime(); t0 < stopAt; ) {
            try {
                call.invoke();
                long t1 = System.nanoTime();
                if (t0 >= measureFrom) { // calls started in the warm-up measure JIT and connecting
                    h.recordValue(Math.min(t1 - t0, MAX_NANOS));
                }
                t0 = t1;
            } catch (Exception e) {
                errors.increment();
                t0 = System.nanoTime();
            }
        }
    }

    /** Sleeps until {@code when} (a {@link System#nanoTime} time), then reads the process CPU clock. */
    private static long cpuNanosAt(long when) throws InterruptedException {
        for (long left; (left = when - System.nanoTime()) > 0; ) {
            Thread.sleep(left / 1_000_000, (int) (left % 1_000_000));
        }
        return processCpuNanos();
    }

    /** CPU time used by this process so far, all threads; -1 where the JVM cannot tell. */
    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }

    private static long micros(long nanos) {
        return (nanos + 500) / 1_000;
    }
}
