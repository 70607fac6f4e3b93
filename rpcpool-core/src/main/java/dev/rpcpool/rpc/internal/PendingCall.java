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
 * {@link #callback}, never both, receives the outcome. It is also its own timeout task, so that
 * arming a call's timer allocates nothing beyond the timer itself. Fields other than the final ones
 * are touched only on the connection's event loop. Internal.
 */
final class PendingCall implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(PendingCall.class);
    final ClientHandler owner;
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
    ScheduledFuture<?> timer;
    /** Event loop only: how long the connection had been quiet before this request's write burst. */
    long quietBeforeWriteNanos;
    /** Event loop only: the connection's read count when this request was written. */
    long readsBeforeWrite;

    PendingCall(ClientHandler owner, long seq, String serviceMethod, Object args, Type replyType, Duration timeout,
            boolean completeDirectly, BiConsumer<Object, Throwable> callback) {
        this.owner = owner;
        this.seq = seq;
        this.key = seq;
        this.serviceMethod = serviceMethod;
        this.args = args;
        this.replyType = replyType;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.completeDirectly = completeDirectly;
        this.callback = callback;
        this.future = callback == null ? new CompletableFuture<>() : null;
    }

    /** The timer fired: the call's deadline passed without a reply. */
    @Override
    public void run() {
        owner.timedOut(this);
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
