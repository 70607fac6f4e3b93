package dev.rpcpool.transport.internal;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tells one I/O thread that a synchronous caller of one of its connections is polling for its
 * reply, and so will hand it the next request within microseconds: the I/O thread then stays
 * awake a little longer and takes that request without being woken through the kernel
 * ({@link SpinningSelectStrategy}).
 *
 * <p>Only callers that poll (see {@code ReplyWait}: few at a time, for a bounded time) report here,
 * so asynchronous and highly concurrent workloads never make an I/O thread poll, and a caller
 * keeps only its own connection's I/O thread awake.
 *
 * <p>Thread-safety: thread-safe. One per I/O thread ({@link IoThreads#wakeHintOfCurrent()}).
 */
public final class IoWakeHint {
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

    /** True while a caller polls, or took its reply less than {@code windowNanos} ago. */
    boolean requestExpected(long nowNanos, long windowNanos) {
        return pollingCallers.get() > 0 || nowNanos - lastReplyTakenNanos < windowNanos;
    }
}
