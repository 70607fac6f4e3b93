package dev.rpcpool.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells one I/O thread that work for it will come from another thread within microseconds: the
 * I/O thread then stays awake a little longer and takes that work without being woken through the
 * kernel ({@link SpinningSelectStrategy}). Two things say so:
 * <ul>
 *   <li>a synchronous caller of one of its connections polling for its reply, which sends its next
 *       request as soon as it has it;
 *   <li>a server worker running a request that arrived on one of its connections, whose reply this
 *       thread will write.
 * </ul>
 *
 * <p>Only callers that poll (see {@code ReplyWait}: few at a time, for a bounded time) report here,
 * so asynchronous and highly concurrent client workloads never make an I/O thread poll, and a
 * caller keeps only its own connection's I/O thread awake. A server's busy I/O thread never sleeps
 * anyway; an idle one has no requests running.
 *
 * <p>Thread-safety: thread-safe. One per I/O thread ({@link IoThreads#wakeHintOfCurrent()}).
 */
public final class IoWakeHint {
    /** Callers polling plus requests running on workers. */
    private final AtomicInteger pollingCallers = new AtomicInteger();
    private volatile long lastReplyTakenNanos = System.nanoTime() - Long.MAX_VALUE / 2;

    IoWakeHint() {
    }

    /** A synchronous caller starts polling for its reply. */
    public void callerPolling() {
        pollingCallers.incrementAndGet();
    }

    /**
     * The caller stopped polling: with its reply ({@code gotReply}), after which it usually sends
     * again at once, or without it (it blocks from now on).
     */
    public void callerStopped(boolean gotReply) {
        if (gotReply) {
            lastReplyTakenNanos = System.nanoTime(); // before the count drops: no gap the I/O thread could see
        }
        pollingCallers.decrementAndGet();
    }

    /** A server worker starts running a request of one of this thread's connections. */
    public void workerStarted() {
        pollingCallers.incrementAndGet();
    }

    /** A request counted by {@link #workerStarted()} is finished: answered, refused or abandoned. */
    public void workerFinished() {
        pollingCallers.decrementAndGet();
    }

    /**
     * True while a caller polls or a worker runs, or a caller took its reply less than
     * {@code windowNanos} ago.
     */
    boolean requestExpected(long nowNanos, long windowNanos) {
        return pollingCallers.get() > 0 || nowNanos - lastReplyTakenNanos < windowNanos;
    }
}
