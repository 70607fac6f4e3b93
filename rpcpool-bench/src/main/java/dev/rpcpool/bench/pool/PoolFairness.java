package dev.rpcpool.bench.pool;

import dev.rpcpool.bench.e2e.E2eArgs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Throughput <em>and</em> fairness under contention: the number the JMH cycle benchmark cannot
 * show. JMH averages the time of all cycles of all threads, so a pool that lets one thread re-take
 * the object it just released while another thread waits scores as well as a pool that serves the
 * waiter first. This tool runs {@code t} threads cycling one pool of {@code n} objects for a fixed
 * window and reports, beside the pool's cycles per second, the fewest cycles any one thread
 * completed (as a share of an equal split) and the longest single cycle (for a waiter: its wait).
 *
 * <pre>
 * java -cp rpcpool-bench/target/benchmarks.jar dev.rpcpool.bench.pool.PoolFairness \
 *     [--pools rpcpool,stormpot,...] [--threads 2,8] [--sizes 1,4] [--warmup 2s] [--duration 3s]
 * </pre>
 *
 * <p>Each (pool, threads, size) runs in its own forked JVM, as under JMH, so that every contender's
 * call site stays monomorphic and no run inherits another's JIT state or garbage. Progress goes to
 * standard error, the Markdown table to standard output. Timing every cycle with
 * {@link System#nanoTime()} adds the same ~20 ns to every contender's cycle, so compare cycles per
 * second here only with each other, and use JMH's figures for the cycle cost itself.
 *
 * <p>Not thread-safe (a command-line entry point). Exits with status 2 on a bad argument, naming it,
 * and 1 if a run fails.
 */
public final class PoolFairness {
    private static final Set<String> OPTIONS = Set.of("--pools", "--threads", "--sizes", "--warmup", "--duration");
    private static final String CHILD = "--child";

    private PoolFairness() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals(CHILD)) {
            runChild(args);
            return;
        }
        if (args.length > 0 && (args[0].equals("-h") || args[0].equals("--help"))) {
            System.out.println("usage: PoolFairness [--pools a,b] [--threads 2,8] [--sizes 1,4] [--warmup 2s] [--duration 3s]");
            return;
        }
        List<Contender> pools;
        int[] threads;
        int[] sizes;
        Duration warmup;
        Duration duration;
        try {
            E2eArgs a = new E2eArgs(args, OPTIONS);
            pools = new ArrayList<>();
            for (String name : a.string("--pools", allPoolNames()).split(",")) {
                pools.add(Contender.byParamName(name.trim()));
            }
            threads = positiveInts(a.string("--threads", "2,8"), "--threads");
            sizes = positiveInts(a.string("--sizes", "1,4"), "--sizes");
            warmup = a.duration("--warmup", Duration.ofSeconds(2));
            duration = a.duration("--duration", Duration.ofSeconds(3));
            if (duration.isZero() || duration.isNegative()) {
                throw new IllegalArgumentException("--duration must be positive, got " + duration);
            }
        } catch (IllegalArgumentException e) {
            System.err.println("PoolFairness: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<FairnessResult> results = new ArrayList<>();
        int total = pools.size() * threads.length * sizes.length;
        int done = 0;
        try {
            for (int t : threads) {
                for (int n : sizes) {
                    for (Contender pool : pools) {
                        System.err.printf("PoolFairness: [%d/%d] %s, %d threads on %d object%s%n", ++done, total,
                                pool.paramName(), t, n, n == 1 ? "" : "s");
                        results.add(fork(pool, t, n, warmup, duration));
                    }
                }
            }
        } catch (IllegalStateException e) {
            System.err.println("PoolFairness: " + e.getMessage());
            System.exit(1);
            return;
        }
        System.out.println(markdownTable(results));
    }

    /** The results as a Markdown table, one row per run, in the order given. */
    static String markdownTable(List<FairnessResult> results) {
        StringBuilder sb = new StringBuilder();
        sb.append("| Threads | Objects | Pool | Cycles/s (all threads) | ns per cycle per thread "
                + "| Fewest cycles of one thread (of an equal share) | Longest cycle |\n");
        sb.append("|---:|---:|---|---:|---:|---:|---:|\n");
        for (FairnessResult r : results) {
            sb.append(r.markdownRow()).append('\n');
        }
        return sb.toString();
    }

    /**
     * Runs {@code threads} threads cycling one fresh pool of {@code size} objects: an unmeasured
     * warm-up, then the measured window. A cycle counts in the window if it started in it, so a
     * thread that waited through the end of the window still reports its wait.
     *
     * @throws Exception the first failure of any thread (a timeout means some thread waited longer
     *     than {@link PoolDriver#ACQUIRE_TIMEOUT_SECONDS})
     */
    static FairnessResult measure(Contender contender, int threads, int size, Duration warmup, Duration duration)
            throws Exception {
        long[] cycles = new long[threads];
        long[] longest = new long[threads];
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PoolDriver driver = contender.open(size)) {
            CountDownLatch ready = new CountDownLatch(threads);
            CountDownLatch go = new CountDownLatch(1);
            long[] window = new long[2]; // from, until: written before go opens, read after it
            List<Thread> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                int me = i;
                Thread w = new Thread(() -> {
                    ready.countDown();
                    try {
                        go.await();
                        cycleUntil(driver, window[0], window[1], cycles, longest, me);
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                    }
                }, "fairness-" + i);
                workers.add(w);
                w.start();
            }
            ready.await();
            long now = System.nanoTime();
            window[0] = now + warmup.toNanos();
            window[1] = window[0] + duration.toNanos();
            go.countDown();
            for (Thread w : workers) {
                w.join();
            }
        }
        if (failure.get() != null) {
            throw new IllegalStateException(contender.paramName() + " failed: " + failure.get(), failure.get());
        }
        return new FairnessResult(contender.paramName(), threads, size, duration.toNanos(), cycles,
                Arrays.stream(longest).max().orElse(0));
    }

    private static void cycleUntil(PoolDriver driver, long from, long until, long[] cycles, long[] longest, int me)
            throws Exception {
        long n = 0;
        long max = 0;
        while (true) {
            long start = System.nanoTime();
            if (start - until >= 0) {
                break;
            }
            driver.cycle(); // its side effects (claim, release) are the work: nothing to keep live
            if (start - from >= 0) {
                n++;
                max = Math.max(max, System.nanoTime() - start);
            }
        }
        cycles[me] = n;
        longest[me] = max;
    }

    private static FairnessResult fork(Contender pool, int threads, int size, Duration warmup, Duration duration)
            throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                PoolFairness.class.getName(), CHILD, pool.paramName(), Integer.toString(threads),
                Integer.toString(size), Long.toString(warmup.toMillis()), Long.toString(duration.toMillis()));
        pb.redirectError(ProcessBuilder.Redirect.INHERIT);
        Process p = pb.start();
        String last = null;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = out.readLine()) != null; ) {
                last = line;
            }
        }
        int status = p.waitFor();
        if (status != 0 || last == null) {
            throw new IllegalStateException("the run of " + pool.paramName() + " (" + threads + " threads on " + size
                    + ") failed with exit status " + status + "; its error output is above");
        }
        return FairnessResult.parse(last);
    }

    private static void runChild(String[] args) throws Exception {
        FairnessResult r = measure(Contender.byParamName(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]),
                Duration.ofMillis(Long.parseLong(args[4])), Duration.ofMillis(Long.parseLong(args[5])));
        System.out.println(r.toLine());
    }

    private static String allPoolNames() {
        return String.join(",", Arrays.stream(Contender.values()).map(Contender::paramName).toList());
    }

    private static int[] positiveInts(String list, String option) {
        try {
            int[] values = Arrays.stream(list.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            for (int v : values) {
                if (v <= 0) {
                    throw new NumberFormatException();
                }
            }
            return values;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " takes a comma-separated list of positive whole numbers, got " + list, e);
        }
    }
}
