package dev.rpcpool.rpc.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One call from the moment it is made until it completes: either its {@link #future} or its
 * {@link #callback}, never both, receives the outcome. Fields other than the final ones are
 * touched only on the connection's event loop. Internal.
 */
final class PendingCall {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCall.class);
    final long seq;
    /** {@link #seq} boxed once, for every use as the pending table's key. */
    final Long key;
    final String serviceMethod;
    final Type replyType;
    final Duration timeout;
    final long deadlineNanos;
    /** Complete on the I/O thread: only for sync calls, whose sole dependent is the blocked caller. */
    final boolean completeDirectly;
    /** Completed with the outcome; null when {@link #callback} receives it instead. */
    final CompletableFuture<Object> future;
    /** Receives the outcome once (reply or failure); null when {@link #future} does. */
    final BiConsumer<Object, Throwable> callback;
    Object args;
    /** Set on the event loop just before the request bytes are handed to the channel. */
    volatile boolean written;
    /** Its own timeout timer, when {@link CallDeadlines} did not queue it; else null. */
    ScheduledFuture<?> timer;
    /**
     * Taken out of the pending table (it is being completed). Written where that happened, which is
     * the event loop for every call that was written, the only ones {@link CallDeadlines} reads.
     */
    boolean settled;
    /** Event loop only: how long the connection had been quiet before this request's write burst. */
    long quietBeforeWriteNanos;
    /** Event loop only: the connection's read count when this request was written. */
    long readsBeforeWrite;

    /**
     * @param timeout the caller's timeout, as its timeout error will name it
     * @param deadlineNanos when the call times out ({@link System#nanoTime()} scale); a pool's call
     *     that first waited for a connection has less than {@code timeout} left
     */
    PendingCall(long seq, String serviceMethod, Object args, Type replyType, Duration timeout, long deadlineNanos,
            boolean completeDirectly, BiConsumer<Object, Throwable> callback) {
        this.seq = seq;
        this.key = seq;
        this.serviceMethod = serviceMethod;
        this.args = args;
        this.replyType = replyType;
        this.timeout = timeout;
        this.deadlineNanos = deadlineNanos;
        this.completeDirectly = completeDirectly;
        this.callback = callback;
        this.future = callback == null ? new CompletableFuture<>() : null;
    }

    /** Hands the outcome to whoever waits for it, on the calling thread. */
    void finish(Object value, Throwable error) {
        if (callback != null) {
            try {
                callback.accept(value, error);
            } catch (RuntimeException | Error e) {
                // like a future's stage that throws: it must not break the connection (or the executor)
                LOG.warn("the callback of call {} threw", serviceMethod, e);
            }
        } else if (error == null) {
            future.complete(value);
        } else {
            future.completeExceptionally(error);
        }
    }
}
