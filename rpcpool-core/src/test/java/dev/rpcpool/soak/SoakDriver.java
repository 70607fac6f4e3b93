package dev.rpcpool.soak;

import dev.rpcpool.PoolMode;
import dev.rpcpool.RpcClientPool;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.pool.PoolStats;
import dev.rpcpool.transport.EventLoopResources;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Collectors;

/**
 * Runs the soak: a real server per codec (gob, jsonrpc) behind a fault proxy, a pool per codec and
 * mode (four pools), closed-loop callers making the {@link SoakCall} mix, the {@link FaultInjector},
 * and a progress line every report interval. Then closes everything and judges the run.
 *
 * <p>Thread-safety: one run per instance, from one thread.
 */
public final class SoakDriver {
    /** Chance that a caller pauses between calls, so some connections sit idle now and then. */
    private static final int PAUSE_ONE_IN = 50;
    private static final Duration LEAK_SETTLE = Duration.ofSeconds(10);

    private final SoakOptions options;
    private final PrintStream out;
    private final Tally tally = new Tally();
    private final LongAdder idleWindowFailures = new LongAdder();
    private final Queue<String> idleWindowSamples = new ConcurrentLinkedQueue<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicBoolean running = new AtomicBoolean(true);

    public SoakDriver(SoakOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** Runs the soak to its end and returns the report; prints progress as it goes. */
    public SoakReport run() throws Exception {
        warmUp();
        ProcessSample baseline = ProcessSample.take(0);
        List<ProcessSample> samples = new ArrayList<>();
        long start = System.nanoTime();
        EventLoopResources serverLoops = EventLoopResources.create(2);
        EventLoopResources clientLoops = EventLoopResources.create(2);
        List<SoakTarget> targets = List.of(new SoakTarget("gob", GobCodec.create(), serverLoops),
                new SoakTarget("json", new JsonRpcCodec(), serverLoops));
        List<Named> pools = new ArrayList<>();
        FaultInjector faults = new FaultInjector(targets, options.faultEvery());
        Thread faultThread = new Thread(faults, "soak-faults");
        List<Thread> callers = new ArrayList<>();
        try {
            for (SoakTarget t : targets) {
                for (PoolMode mode : PoolMode.values()) {
                    pools.add(new Named(t.name + "/" + mode.name().substring(0, 3), pool(t, mode, clientLoops)));
                }
            }
            out.printf("soak: %s, faults every %s (%s), %d callers per pool, pools %s%n", options.duration(),
                    options.faultEvery(), List.of(FaultInjector.Kind.values()), options.callersPerPool(),
                    pools.stream().map(Named::name).toList());
            for (Named p : pools) {
                for (int i = 0; i < options.callersPerPool(); i++) {
                    Thread t = new Thread(() -> callLoop(p.name(), p.pool(), faults), "soak-caller-" + p.name() + "-" + i);
                    callers.add(t);
                    t.start();
                }
            }
            faultThread.start();
            report(start, pools, faults, samples);
        } finally {
            running.set(false);
            faults.stop();
            faultThread.join();
            for (Thread t : callers) {
                t.join();
            }
            pools.forEach(p -> p.pool().close());
            targets.forEach(SoakTarget::close);
            clientLoops.close();
            serverLoops.close();
        }
        Duration ran = Duration.ofNanos(System.nanoTime() - start);
        ProcessSample afterClose = settle(baseline);
        List<String> problems = SoakVerdict.problems(ran, tally.ok.sum(), tally.wrongSamples(), tally.unexpected(),
                tally.calmCalls.sum(), tally.calmFailures.sum(), idleWindowFailures.sum(), baseline, samples, afterClose);
        SoakReport r = new SoakReport(ran, tally.calls(), tally.ok.sum(), tally.expectedFailures.sum(),
                tally.wrongReplies.sum(), tally.wrongSamples(), tally.lateSuccesses.sum(), tally.failuresByType(), tally.unexpected(), tally.calmCalls.sum(),
                tally.calmFailures.sum(), idleWindowFailures.sum(), faults.injected(), baseline, List.copyOf(samples),
                afterClose, problems);
        SoakSummary.print(r, out);
        idleWindowSamples.forEach(f -> out.println("  failed during idle closes: " + f));
        return r;
    }

    private record Named(String name, RpcClientPool pool) {}

    /**
     * Runs every kind of call once through every kind of pool and closes it all, so the baseline
     * counts what the JVM opens once and keeps (class path jars, native libraries, shared threads).
     */
    private static void warmUp() throws Exception {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        try (EventLoopResources loops = EventLoopResources.create(2);
                SoakTarget gob = new SoakTarget("gob", GobCodec.create(), loops);
                SoakTarget json = new SoakTarget("json", new JsonRpcCodec(), loops)) {
            for (SoakTarget t : List.of(gob, json)) {
                for (PoolMode mode : PoolMode.values()) {
                    try (RpcClientPool pool = pool(t, mode, loops)) {
                        for (SoakCall kind : SoakCall.values()) {
                            kind.run(pool, 0, random, w -> { });
                        }
                    }
                }
            }
        }
        // then until fds and threads stop changing (closed connections' threads wind down)
        long until = System.nanoTime() + LEAK_SETTLE.toNanos();
        ProcessSample last = ProcessSample.take(0);
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(300));
            ProcessSample now = ProcessSample.take(0);
            if (now.fds() == last.fds() && now.threads() == last.threads()) {
                return;
            }
            last = now;
        }
    }

    private static RpcClientPool pool(SoakTarget t, PoolMode mode, EventLoopResources loops) {
        return RpcClientPool.builder(t.address()).codec(t.codec).mode(mode).eventLoops(loops)
                .maxConnections(4)
                .callTimeout(SoakCall.DEADLINE)
                .connectTimeout(Duration.ofSeconds(1))
                .connectBackoff(Duration.ofMillis(50), Duration.ofMillis(500))
                // every method in the mix may run twice (echo, arithmetic, sleep)
                .retryOnIdleClose(FaultInjector.SERVER_IDLE_TIMEOUT.dividedBy(4), method -> true)
                .build();
    }

    private void callLoop(String name, RpcClientPool pool, FaultInjector faults) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (running.get()) {
            long lull = faults.lullLeftNanos();
            if (lull > 0) {
                LockSupport.parkNanos(lull);
            } else if (random.nextInt(PAUSE_ONE_IN) == 0) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(10, 300)));
            }
            SoakCall kind = SoakCall.pick(random);
            boolean calmBefore = faults.calm();
            try {
                FaultInjector.Kind during = faults.active();
                switch (kind.run(pool, ids.incrementAndGet(), random,
                        w -> tally.wrong(w + " (" + name + ", fault " + during + "→" + faults.active() + ")"))) {
                    case OK -> tally.ok.increment();
                    case EXPECTED_FAILURE -> tally.expectedFailures.increment();
                    case LATE_SUCCESS -> tally.lateSuccesses.increment();
                    case WRONG_REPLY -> { } // counted by tally.wrong
                }
                if (calmBefore && faults.calm()) {
                    tally.calmCalls.increment();
                }
            } catch (RuntimeException e) {
                // calm only if it was calm for the whole call: a fault that began mid-call explains it
                boolean calm = calmBefore && faults.calm();
                if (calm) {
                    tally.calmCalls.increment();
                }
                tally.failed(e, calm);
                if (faults.active() == FaultInjector.Kind.IDLE_CLOSE) {
                    idleWindowFailures.increment();
                    if (idleWindowSamples.size() < 10) {
                        idleWindowSamples.add(name + " " + kind + ": " + e + (e.getSuppressed().length == 0 ? ""
                                : " after " + List.of(e.getSuppressed())));
                    }
                }
            }
        }
    }

    private void report(long start, List<Named> pools, FaultInjector faults, List<ProcessSample> samples) {
        long end = start + options.duration().toNanos();
        long every = options.reportEvery().toNanos();
        long lastCalls = 0;
        long lastAt = start;
        for (long next = start + every; ; next += every) {
            long now = System.nanoTime();
            while (now < Math.min(next, end)) {
                LockSupport.parkNanos(Math.min(next, end) - now);
                now = System.nanoTime();
            }
            ProcessSample s = ProcessSample.take((now - start) / 1_000_000);
            samples.add(s);
            long calls = tally.calls();
            double rate = (calls - lastCalls) * 1e9 / Math.max(1, now - lastAt);
            lastCalls = calls;
            lastAt = now;
            FaultInjector.Kind active = faults.active();
            out.printf("[%5.0fs] calls=%d ok=%d expected=%d wrong=%d failed=%s calls/s=%.0f %s pools=[%s]%s%n",
                    s.elapsedMillis() / 1000.0, calls, tally.ok.sum(), tally.expectedFailures.sum(),
                    tally.wrongReplies.sum(), tally.failuresByType(), rate, s.describe(),
                    pools.stream().map(p -> p.name() + " " + brief(p.pool().stats())).collect(Collectors.joining(", ")),
                    active == null ? "" : " fault=" + active);
            if (now >= end) {
                return;
            }
        }
    }

    private static String brief(PoolStats s) {
        return "open=" + s.open() + " leased=" + s.leased() + " created=" + s.created();
    }

    /** Waits for threads and fds to come back to the baseline (lingering closes take a moment). */
    private static ProcessSample settle(ProcessSample baseline) {
        long until = System.nanoTime() + LEAK_SETTLE.toNanos();
        ProcessSample s;
        do {
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(200));
            s = ProcessSample.take(0);
        } while ((s.fds() > baseline.fds() + SoakVerdict.FD_LEAK_TOLERANCE
                || s.threads() > baseline.threads() + SoakVerdict.THREAD_LEAK_TOLERANCE) && System.nanoTime() < until);
        return s;
    }
}
