package dev.rpcpool.rpc.internal;

import java.lang.reflect.Type;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;

/**
 * One call from the moment it is made until its future completes. Fields other than the final
 * ones are touched only on the connection's event loop. Internal.
 */
final class PendingCall {
    final long seq;
    final String serviceMethod;
    final Type replyType;
    final Duration timeout;
    final long deadlineNanos;
    /** Complete on the I/O thread: only for sync calls, whose sole dependent is the blocked caller. */
    final boolean completeDirectly;
    final CompletableFuture<Object> future = new CompletableFuture<>();
    Object args;
    /** Set on the event loop just before the request bytes are handed to the channel. */
    volatile boolean written;
    ScheduledFuture<?> timer;
    /** Event loop only: how long the connection had been quiet before this request's write burst. */
    long quietBeforeWriteNanos;
    /** Event loop only: the connection's read count when this request was written. */
    long readsBeforeWrite;

    PendingCall(long seq, String serviceMethod, Object args, Type replyType, Duration timeout, boolean completeDirectly) {
        this.seq = seq;
        this.serviceMethod = serviceMethod;
        this.args = args;
        this.replyType = replyType;
        this.timeout = timeout;
        this.deadlineNanos = System.nanoTime() + timeout.toNanos();
        this.completeDirectly = completeDirectly;
    }
}
