package dev.rpcpool.cli;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Load for a fixed duration after a short warm-up, in one of two shapes.
 *
 * <p><b>Closed loop</b>: N callers, each waiting for its reply before making the next call. A caller
 * is either a thread blocked in a synchronous call ({@link #run}) or a chain of asynchronous calls,
 * each started when the previous one completes ({@link #runAsync}): N calls outstanding with no
 * thread per call, the way Go's goroutines or gRPC's async stubs keep N calls in flight.
 *
 * <p><b>Fixed rate</b> ({@link #runAtRate}): calls are started on a schedule, evenly spaced, whether
 * or not earlier ones have finished, with at most N outstanding; each call's latency counts from the
 * moment the schedule meant it to start, so a call held up by slow earlier ones (or by a late
 * scheduler) shows its wait instead of hiding it (no coordinated omission). How late each call
 * started is reported apart ({@link StartLag}), so a tail the generator itself caused shows as such.
 * Two clients offered the same rate put the same load on a server, which a closed loop does not:
 * there the faster client also loads the server more.
 *
 * <p>Latencies go to an HdrHistogram {@link Recorder} (lock-free for the recording threads). While
 * running, a progress line is redrawn on {@code progress} once a second.
 *
 * <p>Thread-safety: one run at a time per instance; {@link Call#invoke()} and
 * {@link AsyncCall#invoke()} are called concurrently and must be thread-safe.
 */
final class LoadGenerator {
    /** One call of the workload; throws on failure, which counts as an error. */
    @FunctionalInterface
    interface Call {
        void invoke() throws Exception;
    }

    /** One asynchronous call of the workload; a future failed (or a throw) counts as an error. */
    @FunctionalInterface
    interface AsyncCall {
        CompletableFuture<?> invoke();
    }

    private static final long HIGHEST_TRACKABLE_NANOS = Duration.ofMinutes(1).toNanos();

    private final int concurrency;
    private final Duration warmup;
    private final Duration duration;
    private final PrintStream progress;
    private final String label;

    LoadGenerator(String label, int concurrency, Duration warmup, Duration duration, PrintStream progress) {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1, was " + concurrency);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be positive, was " + duration);
        }
        this.label = label;
        this.concurrency = concurrency;
        this.warmup = warmup;
        this.duration = duration;
        this.progress = progress;
    }

    /**
     * Runs the workload and returns what it measured.
     *
     * @param connectionsOpened reads the client's count of connections opened so far; the result
     *     reports it as read at the end (pass a fresh client: the count then covers its whole life,
     *     warm-up included, because opening connections is the point)
     */
    LoadResult run(Call call, LongSupplier connectionsOpened) throws InterruptedException {
        return run(call, connectionsOpened, CallerThreads.platform(label));
    }

    /**
     * As {@link #run(Call, LongSupplier)}, with the callers on threads from {@code callerThreads}
     * (for instance {@link CallerThreads#virtual}); they must be daemon threads.
     */
    LoadResult run(Call call, LongSupplier connectionsOpened, ThreadFactory callerThreads) throws InterruptedException {
        return measure(connectionsOpened, concurrency, (tally, done) -> {
            List<Thread> threads = new ArrayList<>(concurrency);
            for (int i = 0; i < concurrency; i++) {
                threads.add(callerThreads.newThread(() -> {
                    try {
                        callUntil(call, tally);
                    } finally {
                        done.countDown();
                        // a thread's allocation and switch counts end with it (a virtual thread's are
                        // its carrier's, which outlives it)
                        tally.awaitCostRead();
                    }
                }));
            }
            threads.forEach(Thread::start);
        });
    }

    /**
     * As {@link #run}, with {@code concurrency} chains of asynchronous calls instead of threads.
     * Continuations run wherever the call's future completes them.
     */
    LoadResult runAsync(AsyncCall call, LongSupplier connectionsOpened) throws InterruptedException {
        return measure(connectionsOpened, concurrency, (tally, done) -> {
            for (int i = 0; i < concurrency; i++) {
                new AsyncChain(call, tally, done).next();
            }
        });
    }

    /**
     * Starts {@code callsPerSecond} asynchronous calls a second, evenly spaced, from warm-up to end,
     * with at most {@code concurrency} outstanding (a call due while that many are out starts at the
     * first tick after one has finished, and its wait counts in its latency). The calls are started
     * by a task that every one of {@code tickers} runs every 10–100 µs (the interval between calls,
     * within those bounds), whichever gets there first: give it the client's own event loops, all
     * of them, so that the pacing needs no thread of its own to be scheduled (a pacing thread on a
     * small machine was itself milliseconds late) and one loop held up does not hold the schedule
     * up. Continuations run wherever the call's future completes them.
     *
     * @throws IllegalArgumentException if {@code callsPerSecond} is not positive and finite
     */
    LoadResult runAtRate(AsyncCall call, double callsPerSecond, List<? extends ScheduledExecutorService> tickers,
            LongSupplier connectionsOpened) throws InterruptedException {
        if (tickers.isEmpty()) {
            throw new IllegalArgumentException("at least one ticker is needed to start calls");
        }
        if (!(callsPerSecond > 0) || Double.isInfinite(callsPerSecond)) {
            throw new IllegalArgumentException("rate must be a positive number of calls per second, was " + callsPerSecond);
        }
        return measure(connectionsOpened, 1,
                (tally, done) -> new Pacer(call, callsPerSecond, concurrency, tally, done).start(tickers));
    }

    /** Starts the callers; each of the {@code callers} given to measure counts {@code done} down once when it stops. */
    private interface Callers {
        void start(Tally tally, CountDownLatch done);
    }

    private static final long TICK_NANOS = 1_000_000_000L;

    private LoadResult measure(LongSupplier connectionsOpened, int callerCount, Callers callers)
            throws InterruptedException {
        long startNanos = System.nanoTime();
        long measureFrom = startNanos + warmup.toNanos();
        long stopAt = measureFrom + duration.toNanos();
        Tally tally = new Tally(measureFrom, stopAt);
        CountDownLatch done = new CountDownLatch(callerCount);
        try {
            return drive(connectionsOpened, callers, tally, done);
        } finally {
            tally.costRead.countDown(); // also when interrupted: the callers must not outlive the run
        }
    }

    /** Starts the callers, shows progress until they stop, and sums up. */
    private LoadResult drive(LongSupplier connectionsOpened, Callers callers, Tally tally, CountDownLatch done)
            throws InterruptedException {
        long measureFrom = tally.measureFrom;
        long stopAt = tally.stopAt;
        Recorder recorder = tally.recorder;
        LongAdder calls = tally.calls;
        LongAdder errors = tally.errors;
        callers.start(tally, done);

        Histogram total = null;
        boolean warm = false;
        long lastCalls = 0;
        long lastTick = System.nanoTime();
        CallCostMeter cost = new CallCostMeter(measureFrom);
        LongSupplier ended = () -> calls.sum() + errors.sum();
        // ticks every second, and when the warm-up ends (the cost count starts then)
        while (!done.await(cost.nanosUntilOpen(System.nanoTime(), TICK_NANOS),
                TimeUnit.NANOSECONDS)) {
            long now = System.nanoTime();
            cost.tick(now, ended);
            // only calls started after the warm-up are recorded: warm-up measures JIT and dialing
            total = add(total, recorder.getIntervalHistogram());
            warm = now >= measureFrom;
            long c = calls.sum();
            double rate = (c - lastCalls) * 1e9 / Math.max(1, now - lastTick);
            lastCalls = c;
            lastTick = now;
            progress.printf("\r  %-12s %s  %,10.0f calls/s  %,8d errors   ", label,
                    warm ? remaining(stopAt - now) : "warming up", rate, errors.sum());
            progress.flush();
        }
        total = add(total, recorder.getIntervalHistogram());
        CallCost perCall = cost.close(ended); // the callers are released by measure() after this
        progress.print("\r" + " ".repeat(72) + "\r");
        progress.flush();
        long elapsed = Math.max(1, Math.min(System.nanoTime(), stopAt) - measureFrom);
        long n = total.getTotalCount();
        return new LoadResult(n, n * 1e9 / elapsed,
                micros(total.getValueAtPercentile(50)), micros(total.getValueAtPercentile(90)),
                micros(total.getValueAtPercentile(99)), micros(total.getMaxValue()),
                errors.sum(), connectionsOpened.getAsLong(), perCall, StartLag.of(tally.startLag.getIntervalHistogram()));
    }

    private static void callUntil(Call call, Tally tally) {
        long now = System.nanoTime();
        while (now < tally.stopAt) {
            long t0 = now;
            boolean ok;
            try {
                call.invoke();
                ok = true;
            } catch (Exception e) {
                ok = false;
            }
            now = System.nanoTime();
            tally.record(t0, now, ok);
        }
    }

    /** What every caller records into; thread-safe. */
    private static final class Tally {
        final Recorder recorder = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
        /** Fixed rate only: how late each measured call started against its schedule. */
        final Recorder startLag = new Recorder(HIGHEST_TRACKABLE_NANOS, 3);
        final LongAdder calls = new LongAdder();
        final LongAdder errors = new LongAdder();
        final long measureFrom;
        final long stopAt;
        /** Opens once the cost meter has read the caller threads; they stay alive until then. */
        final CountDownLatch costRead = new CountDownLatch(1);

        Tally(long measureFrom, long stopAt) {
            this.measureFrom = measureFrom;
            this.stopAt = stopAt;
        }

        void awaitCostRead() {
            boolean interrupted = false;
            while (true) {
                try {
                    costRead.await();
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }

        /** A call due at {@code dueNanos} starts now (fixed rate). */
        void recordStart(long dueNanos, long nowNanos) {
            if (dueNanos >= measureFrom) {
                startLag.recordValue(Math.min(Math.max(0, nowNanos - dueNanos), HIGHEST_TRACKABLE_NANOS));
            }
        }

        void record(long startNanos, long endNanos, boolean ok) {
            if (ok) {
                calls.increment();
                if (startNanos >= measureFrom) {
                    recorder.recordValue(Math.min(endNanos - startNanos, HIGHEST_TRACKABLE_NANOS));
                }
            } else {
                errors.increment(); // warm-up failures count too: an error is never noise
            }
        }
    }

    /** One asynchronous caller: starts the next call when the previous one completes. */
    private static final class AsyncChain {
        private final AsyncCall call;
        private final Tally tally;
        private final CountDownLatch done;

        AsyncChain(AsyncCall call, Tally tally, CountDownLatch done) {
            this.call = call;
            this.tally = tally;
            this.done = done;
        }

        void next() {
            // a loop, not recursion, while calls complete at once (a dead server fails them
            // synchronously): the stack must not grow with the number of calls
            while (true) {
                long t0 = System.nanoTime();
                if (t0 >= tally.stopAt) {
                    done.countDown();
                    return;
                }
                CompletableFuture<?> f;
                try {
                    f = call.invoke();
                } catch (RuntimeException e) {
                    f = CompletableFuture.failedFuture(e);
                }
                if (!f.isDone()) {
                    f.whenComplete((v, e) -> {
                        tally.record(t0, System.nanoTime(), e == null);
                        next();
                    });
                    return;
                }
                tally.record(t0, System.nanoTime(), !f.isCompletedExceptionally());
            }
        }
    }

    /**
     * Starts calls on schedule: call {@code i} is due {@code i / rate} seconds after the start. A
     * task run every {@link #tickNanos} on each ticker starts every call that is due and has a free
     * slot (after a late tick, several at once: the schedule is kept, not shifted), and nothing after
     * the end, however far behind it is; the run is done when the last call started has finished.
     * With several tickers, whichever runs first starts the due calls (each claimed by a CAS on
     * {@code next}, so none starts twice): one ticker's thread held up by the scheduler does not hold
     * up the schedule, as Go's timers are served by whichever of its threads runs.
     */
    private static final class Pacer implements Runnable {
        private static final long MIN_TICK_NANOS = 10_000;
        private static final long MAX_TICK_NANOS = 100_000;
        private final AsyncCall call;
        private final double intervalNanos;
        private final long tickNanos;
        private final int maxOutstanding;
        private final Tally tally;
        private final CountDownLatch done;
        /** Calls started and not finished, plus slots a ticker has reserved but not yet used. */
        private final AtomicInteger outstanding = new AtomicInteger();
        private final AtomicLong next = new AtomicLong(); // the index of the next call to start
        private final AtomicBoolean finished = new AtomicBoolean();
        private final List<ScheduledFuture<?>> ticks = new CopyOnWriteArrayList<>();
        /** Set once the end is reached: no call starts after it. */
        private volatile boolean stopping;
        private long begin; // written before the tickers are started, which publishes it

        Pacer(AsyncCall call, double callsPerSecond, int maxOutstanding, Tally tally, CountDownLatch done) {
            this.call = call;
            this.intervalNanos = 1e9 / callsPerSecond;
            this.tickNanos = Math.max(MIN_TICK_NANOS, Math.min((long) intervalNanos, MAX_TICK_NANOS));
            this.maxOutstanding = maxOutstanding;
            this.tally = tally;
            this.done = done;
        }

        void start(List<? extends ScheduledExecutorService> tickers) {
            begin = System.nanoTime();
            for (ScheduledExecutorService ticker : tickers) {
                ticks.add(ticker.scheduleAtFixedRate(this, 0, tickNanos, TimeUnit.NANOSECONDS));
            }
            if (finished.get()) {
                cancelTicks(); // finished while the later tickers were being scheduled
            }
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            if (now >= tally.stopAt) {
                stopping = true; // before reading outstanding: a slot reserved meanwhile sees it (release)
                if (outstanding.get() == 0) {
                    finish();
                }
                return;
            }
            for (;;) {
                long i = next.get();
                long due = begin + (long) (i * intervalNanos);
                if (due > now || due >= tally.stopAt) {
                    return;
                }
                // reserve a slot first, then claim the call: never more than maxOutstanding out
                if (outstanding.incrementAndGet() > maxOutstanding) {
                    release();
                    return;
                }
                if (stopping) {
                    release();
                    return;
                }
                if (!next.compareAndSet(i, i + 1)) {
                    release(); // another ticker started call i
                    continue;
                }
                startCall(due);
            }
        }

        private void startCall(long due) {
            tally.recordStart(due, System.nanoTime());
            CompletableFuture<?> f;
            try {
                f = call.invoke();
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((v, e) -> {
                tally.record(due, System.nanoTime(), e == null);
                release();
            });
        }

        /** Gives back a slot; the last one given back after the end finishes the run. */
        private void release() {
            if (outstanding.decrementAndGet() == 0 && stopping) {
                finish();
            }
        }

        private void finish() {
            if (finished.compareAndSet(false, true)) {
                cancelTicks();
                done.countDown();
            }
        }

        private void cancelTicks() {
            for (ScheduledFuture<?> t : ticks) {
                t.cancel(false);
            }
        }
    }

    private static Histogram add(Histogram total, Histogram interval) {
        if (total == null) {
            return interval.copy();
        }
        total.add(interval);
        return total;
    }

    private static String remaining(long nanos) {
        return String.format("%3ds left", Math.max(0, (nanos + 999_999_999L) / 1_000_000_000L));
    }

    private static long micros(long nanos) {
        return (nanos + 500) / 1_000;
    }
}
