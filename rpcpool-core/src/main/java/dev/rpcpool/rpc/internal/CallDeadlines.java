package dev.rpcpool.rpc.internal;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayDeque;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The deadlines of one connection's written calls, watched by one timer where a timer per call
 * would cost an allocation and two updates of the event loop's timer heap per call.
 *
 * <p>Calls are written in order and most carry the same timeout, so their deadlines mostly rise in
 * write order: such a call joins a FIFO queue watched by one timer, set for the queue's head. A
 * call whose deadline is earlier than the last queued one (a shorter per-call timeout) gets a timer
 * of its own instead. Calls that settle (reply, failure) leave the queue lazily: from its head as
 * they settle there, when the timer fires, and in a compaction once the queue has grown to twice
 * what was still pending at the last one, so a slow call at the head keeps the queue bounded by
 * that, not by the calls made meanwhile. The timer may fire early (for a head that has since
 * settled): it then only sets itself for the new head. It is never set later than the head's
 * deadline: a call queued behind an emptied queue moves it earlier if it must.
 *
 * <p>Thread-safety: event loop only. Internal.
 */
final class CallDeadlines implements Runnable {
    /** Queue length below which no compaction runs. */
    static final int MIN_COMPACT_LENGTH = 256;

    private final EventExecutor loop;
    private final Consumer<PendingCall> onTimeout;
    private final ArrayDeque<PendingCall> queue = new ArrayDeque<>();
    private ScheduledFuture<?> timer;
    /** The deadline {@link #timer} was set for. */
    private long timerDeadline;
    private int compactAt = MIN_COMPACT_LENGTH;

    /** {@code onTimeout} fails a call whose deadline passed (it must mark the call settled). */
    CallDeadlines(EventExecutor loop, Consumer<PendingCall> onTimeout) {
        this.loop = loop;
        this.onTimeout = onTimeout;
    }

    /** Starts watching a call just written, whose deadline is after {@code now}. */
    void watch(PendingCall c, long now) {
        PendingCall last = queue.peekLast();
        if (last != null && c.deadlineNanos - last.deadlineNanos < 0) {
            c.timer = loop.schedule(() -> onTimeout.accept(c), c.deadlineNanos - now, TimeUnit.NANOSECONDS);
            return;
        }
        if (queue.size() >= compactAt) {
            queue.removeIf(q -> q.settled);
            compactAt = Math.max(MIN_COMPACT_LENGTH, 2 * queue.size());
        }
        queue.addLast(c);
        if (timer == null) {
            arm(c.deadlineNanos, now);
        } else if (c.deadlineNanos - timerDeadline < 0) {
            // set for a call that settled and left an emptied queue, with a later deadline than this one
            timer.cancel(false);
            arm(c.deadlineNanos, now);
        }
    }

    /** A watched call settled: cancels its own timer, or lets the queue drop it. */
    void settled(PendingCall c) {
        if (c.timer != null) {
            c.timer.cancel(false);
            return;
        }
        if (queue.peekFirst() == c) {
            PendingCall head;
            while ((head = queue.peekFirst()) != null && head.settled) {
                queue.pollFirst();
            }
        }
    }

    /** The timer: fails the calls whose deadline passed, drops settled ones, and sets itself for the next. */
    @Override
    public void run() {
        timer = null;
        // the loop's clock says the deadline the timer was set for has come (a test's loop may run ahead)
        long now = Math.max(System.nanoTime(), timerDeadline);
        PendingCall head;
        while ((head = queue.peekFirst()) != null) {
            if (!head.settled) {
                if (head.deadlineNanos - now > 0) {
                    arm(head.deadlineNanos, now);
                    return;
                }
                onTimeout.accept(head);
            }
            queue.pollFirst();
        }
    }

    private void arm(long deadline, long now) {
        timerDeadline = deadline;
        timer = loop.schedule(this, deadline - now, TimeUnit.NANOSECONDS);
    }

    /** The connection is shut down (its pending calls failed): stops watching. */
    void clear() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        queue.clear();
    }

    /** Calls in the queue, settled ones included; for tests. */
    int queued() {
        return queue.size();
    }
}
