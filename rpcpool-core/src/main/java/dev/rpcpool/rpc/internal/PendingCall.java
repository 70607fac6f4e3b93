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
    /**
     * A sync call's outcome, completed on the I/O thread (its only dependent is the blocked caller);
     * null for asynchronous calls. Exactly one of this, {@link #future} and {@link #callback} is set.
     */
    final SyncReply syncReply;
    /** An asynchronous call's future, completed on the callback executor; else null. */
    final CompletableFuture<Object> future;
    /** Receives an asynchronous call's outcome once (reply or failure) instead of a future; else null. */
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
            boolean sync, BiConsumer<Object, Throwable> callback) {
        this.seq = seq;
        this.key = seq;
        this.serviceMethod = serviceMethod;
        this.args = args;
        this.replyType = replyType;
        this.timeout = timeout;
        this.deadlineNanos = deadlineNanos;
        this.callback = callback;
        this.syncReply = callback == null && sync ? new SyncReply() : null;
        this.future = callback == null && !sync ? new CompletableFuture<>() : null;
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
        } else if (syncReply != null) {
            if (error == null) {
                syncReply.complete(value);
            } else {
                syncReply.fail(error);
            }
        } else if (error == null) {
            future.complete(value);
        } else {
            future.completeExceptionally(error);
        }
    }
}
