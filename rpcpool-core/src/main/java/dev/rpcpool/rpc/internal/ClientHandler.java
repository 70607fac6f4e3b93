package dev.rpcpool.rpc.internal;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.ReplyTypes;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.transport.internal.CumulatingHandler;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine of one client connection, like Go's {@code rpc.Client}: a pending table keyed by
 * sequence number, a write queue, and the read loop.
 *
 * <p>Writes: callers on any thread append to a lock-free queue; one drain task on the event loop
 * encodes everything queued into one buffer and flushes once. A lone call is flushed at once (its
 * drain task runs in the next loop iteration); calls made together share a write and a flush; and
 * since only the event loop encodes, requests never interleave on the wire.
 *
 * <p>Reads: the codec decodes on the event loop (CPU only), looking the reply type up in the pending
 * table; a reply whose call is gone (timed out) is decoded with no type, that is discarded.
 *
 * <p>Completion: futures handed to user code are completed on the callback executor, never on the
 * event loop, so user stages cannot stall I/O. This is gRPC-java's choice (its call executor);
 * Lettuce completes on the event loop and warns users, which we judged too easy to get wrong. Sync
 * calls complete directly: their only dependent is the caller blocked in {@code get}.
 *
 * <p>Shutdown: the first failure (I/O error, EOF, undecodable input, close) is kept; every pending
 * call fails with it, and later calls fail at once. Internal.
 */
public final class ClientHandler extends CumulatingHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
    /** A batch larger than this is written without waiting for the rest of the queue. */
    private static final int MAX_BATCH_BYTES = 64 * 1024;

    private final ClientCodec codec;
    private final String address;
    private final Executor callbackExecutor;
    private final ConcurrentHashMap<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final Queue<PendingCall> outbound = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong nextSeq = new AtomicLong();
    private final ReplyTypes replyTypes = seq -> {
        PendingCall c = pending.get(seq);
        return c == null ? null : c.replyType;
    };
    private final Runnable drainTask = this::drain;
    private volatile Throwable shutdownCause;
    private volatile boolean closedByUser;
    private ChannelHandlerContext ctx;
    private Channel channel;

    public ClientHandler(ClientCodec codec, String address, Executor callbackExecutor) {
        this.codec = codec;
        this.address = address;
        this.callbackExecutor = callbackExecutor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.channel = ctx.channel();
    }

    /** Starts a call; thread-safe. The future fails with the exceptions documented on {@code RpcClient}. */
    public CompletableFuture<Object> call(String serviceMethod, Object args, Type replyType, Duration timeout,
            boolean completeDirectly) {
        PendingCall c = new PendingCall(nextSeq.getAndIncrement(), serviceMethod, args, replyType, timeout, completeDirectly);
        if (shutdownCause != null) {
            c.future.completeExceptionally(shutdownException(true));
            return c.future;
        }
        pending.put(c.seq, c);
        // the shutdown may have swept the table just before our put: whoever removes the call fails it
        if (shutdownCause != null && pending.remove(c.seq, c)) {
            c.future.completeExceptionally(shutdownException(true));
            return c.future;
        }
        outbound.add(c);
        if (drainScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(drainTask);
        }
        return c.future;
    }

    /** Calls waiting for a reply (or to be written). */
    public int inFlight() {
        return pending.size();
    }

    /** True until the connection has failed or been closed. */
    public boolean isActive() {
        return shutdownCause == null && channel.isActive();
    }

    /** Closes the connection; pending calls fail with a {@link TransportException}. Thread-safe. */
    public void close() {
        closedByUser = true;
        channel.close();
    }

    private void drain() {
        // cleared before polling: a call queued from now on schedules another drain, none is lost
        drainScheduled.set(false);
        if (!channel.isActive()) {
            // closing or closed: encode nothing, so the shutdown sweep fails these calls as never
            // written, which is what makes them safe to retry on another connection
            outbound.clear();
            return;
        }
        ByteBuf batch = null;
        PendingCall c;
        while ((c = outbound.poll()) != null) {
            if (pending.get(c.seq) != c) {
                continue; // timed out or failed while queued: never sent
            }
            long remaining = c.deadlineNanos - System.nanoTime();
            if (remaining <= 0) {
                timedOut(c);
                continue;
            }
            if (batch == null) {
                batch = ctx.alloc().ioBuffer();
            }
            try {
                codec.writeRequest(new RequestHeader(c.serviceMethod, c.seq), c.args, batch);
            } catch (RuntimeException e) {
                // the codec appended nothing: this call fails, the connection carries on
                if (pending.remove(c.seq, c)) {
                    complete(c, null, e instanceof CodecException ? e
                            : new CodecException("cannot encode request " + c.serviceMethod + ": " + e, e));
                }
                continue;
            }
            c.args = null;
            c.written = true;
            PendingCall call = c;
            c.timer = ctx.executor().schedule(() -> timedOut(call), remaining, TimeUnit.NANOSECONDS);
            if (batch.readableBytes() >= MAX_BATCH_BYTES) {
                ctx.write(batch, ctx.voidPromise());
                batch = null;
            }
        }
        if (batch != null) {
            if (batch.isReadable()) {
                ctx.write(batch, ctx.voidPromise());
            } else {
                batch.release();
            }
        }
        ctx.flush();
    }

    private void timedOut(PendingCall c) {
        if (pending.remove(c.seq, c)) {
            complete(c, null, new CallTimeoutException(c.serviceMethod, address, c.timeout, !c.written));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in) {
        DecodedResponse r;
        while (shutdownCause == null && (r = codec.readResponse(in, replyTypes)) != null) {
            PendingCall c = pending.remove(r.header().seq());
            if (c == null) {
                continue; // its call timed out: the reply was read and discarded
            }
            if (c.timer != null) {
                c.timer.cancel(false);
            }
            if (r.header().isError()) {
                complete(c, null, new ServerErrorException(c.serviceMethod, r.header().error()));
            } else if (r.bodyError() != null) {
                complete(c, null, new CodecException(c.serviceMethod + ": " + r.bodyError()));
            } else {
                complete(c, r.reply(), null);
            }
        }
    }

    @Override
    protected void decodeFailed(ChannelHandlerContext ctx, Exception cause) {
        shutdown(cause);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        shutdown(cause);
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        shutdown(closedByUser ? new ClosedChannelException() : new IOException("unexpected EOF"));
        super.channelInactive(ctx);
    }

    private void shutdown(Throwable cause) {
        if (shutdownCause == null) {
            shutdownCause = closedByUser ? new IOException("client closed") : cause;
            if (!closedByUser) {
                log.debug("connection to {} failed: {}", address, cause.toString());
            }
        }
        for (PendingCall c : pending.values()) {
            if (pending.remove(c.seq, c)) {
                if (c.timer != null) {
                    c.timer.cancel(false);
                }
                complete(c, null, shutdownException(!c.written));
            }
        }
    }

    private TransportException shutdownException(boolean neverWritten) {
        Throwable cause = shutdownCause;
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new TransportException("connection to " + address + " is shut down: " + why, cause, neverWritten);
    }

    private void complete(PendingCall c, Object value, Throwable error) {
        if (c.completeDirectly) {
            finish(c, value, error);
            return;
        }
        try {
            callbackExecutor.execute(() -> finish(c, value, error));
        } catch (RejectedExecutionException e) {
            finish(c, value, error); // better late on the I/O thread than never
        }
    }

    private static void finish(PendingCall c, Object value, Throwable error) {
        if (error == null) {
            c.future.complete(value);
        } else {
            c.future.completeExceptionally(error);
        }
    }
}
