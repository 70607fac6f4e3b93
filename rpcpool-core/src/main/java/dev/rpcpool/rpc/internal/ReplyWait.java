package dev.rpcpool.rpc.internal;

import dev.rpcpool.concurrent.internal.VirtualThreads;
import dev.rpcpool.rpc.SyncWait;
import dev.rpcpool.transport.internal.IoWakeHint;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How a synchronous caller waits for its reply: it polls the call's {@link SyncReply}, yielding its
 * CPU between polls, for a short, bounded time before blocking in {@link SyncReply#get()}.
 *
 * <p>Why: a reply usually comes back within tens of microseconds on a fast link. A caller that has
 * already parked must be woken by the event loop through the kernel ({@code futex}), and on a small
 * virtual machine the woken thread's CPU may first have to be brought out of halt, which costs more
 * than the round trip itself. A caller still polling when the reply is completed is not parked, so
 * nobody has to wake it.
 *
 * <p>Spinning burns a CPU that the event loop and the server may need, so by default callers poll
 * only while few wait at all: when more than {@code maxSpinners} sync callers are waiting everyone
 * blocks at once, and a caller already polling stops as soon as that happens. At most
 * {@code maxSpinners} callers poll at once, each for at most {@code spinNanos}. Many callers that
 * poll all the same are faster where idle CPU is there to burn (docs/rpc.md); {@link SyncWait}
 * picks the policy per connection: {@code SPIN} lifts the cap, {@code PARK} never polls.
 *
 * <p>A virtual thread (Java 21+) never polls, whatever the policy: parking it costs no OS thread,
 * while each {@code Thread.yield()} unmounts it from its carrier and copies its stack (measured
 * 2026-12-02 on Java 25, 16 virtual callers: polling under {@code SPIN} halved the calls/s, and
 * under {@code ADAPTIVE} one polling caller allocated ~10 KB per call).
 *
 * <p>Thread-safety: thread-safe; each {@link SyncWait} has one instance, shared by every connection
 * in the JVM that uses it ({@link #of}). Deadlines are not enforced here: a call's timer still fails
 * its reply, which ends the wait either way.
 */
public final class ReplyWait {
    /**
     * Default poll budget per call: a loopback round trip to a Go server on a busy 2-core machine
     * (a shorter budget mostly ran out before the reply came). System property
     * {@code rpcpool.replySpinMicros} overrides it; 0 turns polling off.
     */
    static final long DEFAULT_SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("rpcpool.replySpinMicros", 200));
    /**
     * Default cap on callers waiting (and so polling) at once: half the cores, at least one. System
     * property {@code rpcpool.replySpinners} overrides it.
     */
    static final int DEFAULT_MAX_SPINNERS = Integer.getInteger("rpcpool.replySpinners",
            Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

    /** The waiter of {@link SyncWait#ADAPTIVE}, the default. */
    public static final ReplyWait DEFAULT = forMode(SyncWait.ADAPTIVE, DEFAULT_SPIN_NANOS, DEFAULT_MAX_SPINNERS);
    private static final ReplyWait PARK = forMode(SyncWait.PARK, DEFAULT_SPIN_NANOS, DEFAULT_MAX_SPINNERS);
    private static final ReplyWait SPIN = forMode(SyncWait.SPIN, DEFAULT_SPIN_NANOS, DEFAULT_MAX_SPINNERS);

    /** The JVM-wide waiter of {@code mode} (shared, so that the cap on pollers counts every connection). */
    public static ReplyWait of(SyncWait mode) {
        return switch (mode) {
            case PARK -> PARK;
            case ADAPTIVE -> DEFAULT;
            case SPIN -> SPIN;
        };
    }

    /** A new waiter behaving as {@code mode} says, with {@code adaptiveCap} pollers for ADAPTIVE. */
    static ReplyWait forMode(SyncWait mode, long spinNanos, int adaptiveCap) {
        return switch (mode) {
            case PARK -> new ReplyWait(0, 0);
            case ADAPTIVE -> new ReplyWait(spinNanos, adaptiveCap);
            case SPIN -> new ReplyWait(spinNanos, Integer.MAX_VALUE);
        };
    }

    private final long spinNanos;
    private final int maxSpinners;
    private final AtomicInteger spinners = new AtomicInteger();
    /** Callers inside {@link #await} with their reply not yet there; the measure of concurrency. */
    private final AtomicInteger waiting = new AtomicInteger();

    /**
     * @param spinNanos how long one caller polls before blocking; 0 never polls
     * @param maxSpinners how many callers may poll at once; 0 never polls
     * @throws IllegalArgumentException if either is negative
     */
    public ReplyWait(long spinNanos, int maxSpinners) {
        if (spinNanos < 0 || maxSpinners < 0) {
            throw new IllegalArgumentException("spinNanos and maxSpinners must be >= 0, were " + spinNanos
                    + " and " + maxSpinners);
        }
        this.spinNanos = spinNanos;
        this.maxSpinners = maxSpinners;
    }

    /**
     * Waits for {@code reply} as {@link SyncReply#get()} does, with the same outcomes.
     *
     * @throws ExecutionException if the call failed
     * @throws InterruptedException if the thread is interrupted before the reply is there (the
     *     interrupt flag is cleared, as by {@code get})
     */
    public Object await(SyncReply reply) throws InterruptedException, ExecutionException {
        return await(reply, null);
    }

    /**
     * As {@link #await(SyncReply)}; while polling, tells {@code ioThread} (the wake hint of the I/O
     * thread that will complete the reply, or null) that this caller will send again soon.
     */
    public Object await(SyncReply reply, IoWakeHint ioThread) throws InterruptedException, ExecutionException {
        if (reply.isDone()) {
            return reply.get();
        }
        int waiters = waiting.incrementAndGet();
        try {
            if (spinNanos > 0 && waiters <= maxSpinners && !VirtualThreads.isVirtual(Thread.currentThread())
                    && tryStartSpinning()) {
                if (ioThread != null) {
                    ioThread.callerPolling();
                }
                try {
                    spin(reply);
                } finally {
                    if (ioThread != null) {
                        ioThread.callerStopped(reply.isDone());
                    }
                    spinners.decrementAndGet();
                }
            }
            // done: get() returns at once; else (budget spent, interrupted, or others waiting too)
            // it blocks or throws as it always did
            return reply.get();
        } finally {
            waiting.decrementAndGet();
        }
    }

    private void spin(SyncReply reply) {
        Thread self = Thread.currentThread();
        long start = System.nanoTime();
        while (!reply.isDone() && !self.isInterrupted() && waiting.get() <= maxSpinners) {
            // yield, not onSpinWait: on a small machine the event loop or the server this caller waits
            // for may be runnable on this very CPU; sched_yield lets them run, and costs one cheap
            // system call when nothing else is runnable
            Thread.yield();
            if (System.nanoTime() - start >= spinNanos) {
                return;
            }
        }
    }

    private boolean tryStartSpinning() {
        int n;
        do {
            n = spinners.get();
            if (n >= maxSpinners) {
                return false;
            }
        } while (!spinners.compareAndSet(n, n + 1));
        return true;
    }

    /** Callers polling right now; for tests. */
    int spinning() {
        return spinners.get();
    }
}
