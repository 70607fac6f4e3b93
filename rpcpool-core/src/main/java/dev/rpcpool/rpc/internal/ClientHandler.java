package dev.rpcpool.rpc.internal;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.ReplyTypes;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.InFlightLimitException;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.transport.internal.CumulatingHandler;
import dev.rpcpool.transport.internal.IoThreads;
import dev.rpcpool.transport.internal.IoWakeHint;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.internal.PlatformDependent;
import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.lang.reflect.Type;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLException;
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
 * call fails with it, and later calls fail at once. A call that the peer's close met before any
 * byte came back, written after the connection had been quiet, is told how long it was quiet (see
 * {@link TransportException#closedByServerAfterIdle()}). Internal.
 */
public final class ClientHandler extends CumulatingHandler {
    private static final Logger log = LoggerFactory.getLogger(ClientHandler.class);
    /** A batch larger than this is written without waiting for the rest of the queue. */
    private static final int MAX_BATCH_BYTES = 64 * 1024;
    /** {@link #inFlight} of a connection retired by {@link #closeIfQuiet}: no call may start on it. */
    private static final int RETIRED = Integer.MIN_VALUE / 2;
    /** {@link #lastIoNanos}: stamped opaquely on the event loop (a plain store), read from any thread. */
    private static final VarHandle LAST_IO;

    static {
        try {
            LAST_IO = MethodHandles.lookup().findVarHandle(ClientHandler.class, "lastIoNanos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ClientCodec codec;
    private final String address;
    private final Executor callbackExecutor;
    private final ConcurrentHashMap<Long, PendingCall> pending = new ConcurrentHashMap<>();
    private final Queue<PendingCall> outbound = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final AtomicLong nextSeq = new AtomicLong();
    /** Exact count of pending calls, kept beside the map so the in-flight limit is never overshot. */
    private final AtomicInteger inFlight = new AtomicInteger();
    private final int maxInFlight;
    /**
     * Event loop only: the call the codec's last reply-type lookup found, so that taking it out of
     * the table needs no second boxed lookup by sequence number.
     */
    private PendingCall lookedUp;
    private final ReplyTypes replyTypes = seq -> {
        PendingCall c = pending.get(seq);
        lookedUp = c;
        return c == null ? null : c.replyType;
    };
    private final Runnable drainTask = this::drain;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private volatile Throwable shutdownCause;
    /** The wake hint of this connection's I/O thread, for its synchronous callers; null if none. */
    private volatile IoWakeHint wakeHint;
    private volatile boolean closedByUser;
    private ChannelHandlerContext ctx;
    private Channel channel;
    /** Event loop only: the timeouts of written calls. */
    private CallDeadlines deadlines;
    // Event loop only (but lastIoNanos, written opaquely, is read by closeIfQuiet on any thread), for
    // the idle-close mark: when bytes last went either way, a count of reads so
    // a call can tell whether anything arrived after its write, and how long the connection had been
    // quiet before the first write since the last read (-1: nothing written since that read).
    private long lastIoNanos;
    private long reads;
    private long quietBeforeWritesNanos = -1;

    public ClientHandler(ClientCodec codec, String address, Executor callbackExecutor, int maxInFlight) {
        this.codec = codec;
        this.maxInFlight = maxInFlight;
        this.address = address;
        this.callbackExecutor = callbackExecutor;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
        this.deadlines = new CallDeadlines(ctx.executor(), this::timedOut);
        this.channel = ctx.channel();
        this.wakeHint = IoThreads.wakeHintOfCurrent();
        LAST_IO.setOpaque(this, System.nanoTime());
    }

    /**
     * Starts an asynchronous call that times out {@code timeout} from now; thread-safe. The future
     * is completed on the callback executor and fails with the exceptions documented on
     * {@code RpcClient}.
     */
    public CompletableFuture<Object> call(String serviceMethod, Object args, Type replyType, Duration timeout) {
        PendingCall c = new PendingCall(nextSeq.getAndIncrement(), serviceMethod, args, replyType, timeout,
                deadlineIn(timeout), false, null);
        start(c);
        return c.future;
    }

    /** As {@link #call(String, Object, Type, Duration, long, BiConsumer)}, timing out {@code timeout} from now. */
    public void call(String serviceMethod, Object args, Type replyType, Duration timeout,
            BiConsumer<Object, Throwable> callback) {
        call(serviceMethod, args, replyType, timeout, deadlineIn(timeout), callback);
    }

    private static long deadlineIn(Duration timeout) {
        return System.nanoTime() + timeout.toNanos();
    }

    /**
     * Starts a call for a caller that will block on it, timing out at {@code deadlineNanos}
     * ({@link System#nanoTime()} scale), its timeout error naming {@code timeout}; thread-safe. The
     * reply is completed on the I/O thread (its only dependent is the blocked caller) and fails with
     * the exceptions documented on {@code RpcClient}.
     */
    public SyncReply callSync(String serviceMethod, Object args, Type replyType, Duration timeout, long deadlineNanos) {
        PendingCall c = new PendingCall(nextSeq.getAndIncrement(), serviceMethod, args, replyType, timeout,
                deadlineNanos, true, null);
        start(c);
        return c.syncReply;
    }

    /**
     * Starts an asynchronous call timing out at {@code deadlineNanos}, its timeout error naming
     * {@code timeout}; the outcome goes to {@code callback} (exactly once, on the callback
     * executor, where a future's would be completed) instead of a future. A call refused at once is
     * reported on this thread.
     */
    public void call(String serviceMethod, Object args, Type replyType, Duration timeout, long deadlineNanos,
            BiConsumer<Object, Throwable> callback) {
        start(new PendingCall(nextSeq.getAndIncrement(), serviceMethod, args, replyType, timeout, deadlineNanos, false,
                callback));
    }

    private void start(PendingCall c) {
        if (shutdownCause != null) {
            c.finish(null, shutdownException(true));
            return;
        }
        if (!track(c)) {
            c.finish(null, inFlight.get() < 0
                    ? new TransportException("connection to " + address + " was closed as quiet; request not written", null, true)
                    : new InFlightLimitException(address, maxInFlight));
            return;
        }
        // the shutdown may have swept the table just before our put: whoever removes the call fails it
        if (shutdownCause != null && untrack(c)) {
            c.finish(null, shutdownException(true));
            return;
        }
        outbound.add(c);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drainTask);
            } catch (RejectedExecutionException e) {
                // the event loops were shut down under this client: nothing can be sent any more
                shutdown(new IOException("event loop shut down", e), false);
            }
        }
    }

    /** Adds the call to the pending table unless {@code maxInFlight} calls are there already. */
    private boolean track(PendingCall c) {
        if (maxInFlight > 0) {
            int n;
            do {
                n = inFlight.get();
                if (n >= maxInFlight || n < 0) {
                    return false;
                }
            } while (!inFlight.compareAndSet(n, n + 1));
        } else if (inFlight.incrementAndGet() <= 0) {
            inFlight.decrementAndGet(); // retired: stays far below zero however many race here
            return false;
        }
        pending.put(c.key, c);
        return true;
    }

    /** Removes the call if still pending; true for exactly one caller, who then completes it. */
    private boolean untrack(PendingCall c) {
        if (pending.remove(c.key, c)) {
            c.settled = true;
            inFlight.decrementAndGet();
            return true;
        }
        return false;
    }

    private PendingCall untrack(long seq) {
        PendingCall c = pending.remove(seq);
        if (c != null) {
            c.settled = true;
            inFlight.decrementAndGet();
        }
        return c;
    }

    /** The call a reply with sequence number {@code seq} answers, taken out of the table; null if gone. */
    private PendingCall untrackReplied(long seq) {
        PendingCall c = lookedUp;
        lookedUp = null;
        if (c != null && c.seq == seq) {
            return untrack(c) ? c : null;
        }
        return untrack(seq);
    }

    /** Completes (on the callback executor) once the connection is shut down, for whatever reason. */
    public CompletableFuture<Void> closeFuture() {
        return closed;
    }

    /** The wake hint of this connection's I/O thread, to pass to {@link ReplyWait#await}; may be null. */
    public IoWakeHint wakeHint() {
        return wakeHint;
    }

    /** Calls waiting for a reply (or to be written). */
    public int inFlight() {
        return Math.max(0, inFlight.get());
    }

    /** True until the connection has failed or been closed. */
    public boolean isActive() {
        return shutdownCause == null && inFlight.get() >= 0 && channel.isActive();
    }

    /**
     * Closes the connection if no call is in flight (a call counts from its submission, before it is
     * written) and no byte went either way for more than {@code maxQuietNanos}; a call submitted
     * afterwards fails as never written. The check and the retirement are one CAS, so a call is never
     * cut off. Thread-safe; reads the clock once, and only when no call is in flight.
     */
    public boolean closeIfQuiet(long maxQuietNanos) {
        if (inFlight.get() != 0 || System.nanoTime() - (long) LAST_IO.getOpaque(this) <= maxQuietNanos
                || !inFlight.compareAndSet(0, RETIRED)) {
            return false;
        }
        close();
        return true;
    }

    /** True once {@link #closeIfQuiet} has closed this connection. Thread-safe. */
    public boolean closedAsQuiet() {
        return inFlight.get() < 0;
    }

    /** Closes the connection; pending calls fail with a {@link TransportException}. Thread-safe. */
    public void close() {
        // a connection the peer already closed (its EOF not yet handled) keeps the peer's close as cause
        if (channel.isActive()) {
            closedByUser = true;
        }
        channel.close();
    }

    private void drain() {
        // cleared before polling: a call queued from now on schedules another drain, none is lost
        drainScheduled.set(false);
        if (!channel.isActive()) {
            return; // closing: channelInactive fails the queued calls as never written
        }
        ByteBuf batch = null;
        PendingCall c;
        while ((c = outbound.poll()) != null) {
            if (pending.get(c.key) != c) {
                continue; // timed out or failed while queued: never sent
            }
            long now = System.nanoTime();
            long remaining = c.deadlineNanos - now;
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
                if (untrack(c)) {
                    complete(c, null, e instanceof CodecException ? e
                            : new CodecException("cannot encode request " + c.serviceMethod + ": " + e, e));
                }
                continue;
            }
            c.args = null;
            c.written = true;
            if (quietBeforeWritesNanos < 0) {
                quietBeforeWritesNanos = now - lastIoNanos;
            }
            c.quietBeforeWriteNanos = quietBeforeWritesNanos;
            c.readsBeforeWrite = reads;
            LAST_IO.setOpaque(this, now);
            deadlines.watch(c, now);
            if (batch.readableBytes() >= MAX_BATCH_BYTES) {
                ctx.write(batch, ctx.voidPromise());
                batch = ctx.alloc().ioBuffer();
            }
        }
        if (batch != null) {
            if (batch.isReadable()) {
                ctx.write(batch, ctx.voidPromise());
            } else {
                batch.release();
            }
            ctx.flush(); // one flush for everything this drain wrote
        }
    }

    /** The call's deadline passed: fails it unless its reply (or a failure) came first. */
    private void timedOut(PendingCall c) {
        if (untrack(c)) {
            complete(c, null, new CallTimeoutException(c.serviceMethod, address, c.timeout, !c.written));
        }
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in) {
        if (in.isReadable()) {
            reads++;
            quietBeforeWritesNanos = -1;
            LAST_IO.setOpaque(this, System.nanoTime());
        }
        while (shutdownCause == null) {
            int before = in.readerIndex();
            DecodedResponse r = codec.readResponse(in, replyTypes);
            if (r == null) {
                if (in.readerIndex() == before) {
                    return; // needs more bytes
                }
                continue; // the codec took a prefix (a gob type definition, say): try again
            }
            PendingCall c = untrackReplied(r.header().seq());
            if (c == null) {
                continue; // its call timed out: the reply was read and discarded
            }
            deadlines.settled(c);
            if (lastIoNanos - c.deadlineNanos >= 0) {
                // arrived after its deadline, while a busy event loop had not yet run its timer: one
                // deadline per call means it fails as the timer would have made it
                complete(c, null, new CallTimeoutException(c.serviceMethod, address, c.timeout, false));
                continue;
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
        shutdown(cause, false);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset or broken pipe is the peer's close; a TLS failure is not (it may follow bytes read)
        shutdown(cause, cause instanceof IOException && !(cause instanceof SSLException));
        ctx.close();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        shutdown(closedByUser ? new ClosedChannelException() : new IOException("unexpected EOF"), !closedByUser);
        super.channelInactive(ctx);
    }

    private void shutdown(Throwable cause, boolean byPeer) {
        if (shutdownCause == null) {
            shutdownCause = closedByUser ? new IOException("client closed") : cause;
            if (!closedByUser) {
                log.debug("connection to {} failed: {}", address, cause.toString());
            }
            try {
                callbackExecutor.execute(() -> closed.complete(null));
            } catch (RejectedExecutionException e) {
                closed.complete(null);
            }
        }
        // the peer's close only if it is what shut the connection down, not our own close before it
        boolean peerClose = byPeer && shutdownCause == cause;
        for (PendingCall c : pending.values()) {
            if (untrack(c)) {
                if (c.timer != null) {
                    c.timer.cancel(false);
                }
                complete(c, null, shutdownException(!c.written, peerClose ? quietBeforePeerClose(c) : -1));
            }
        }
        if (deadlines != null && ctx.executor().inEventLoop()) {
            deadlines.clear();
        }
    }

    /**
     * How long the connection had been quiet before {@code c}'s request went out, if nothing has been
     * read since; else -1. Event loop only (a peer's close is seen there).
     */
    private long quietBeforePeerClose(PendingCall c) {
        return c.written && c.readsBeforeWrite == reads ? c.quietBeforeWriteNanos : -1;
    }

    private TransportException shutdownException(boolean neverWritten) {
        return shutdownException(neverWritten, -1);
    }

    private TransportException shutdownException(boolean neverWritten, long quietBeforeCloseNanos) {
        Throwable cause = shutdownCause;
        String why = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new TransportException("connection to " + address + " is shut down: " + why, cause, neverWritten,
                quietBeforeCloseNanos < 0 ? null : Duration.ofNanos(quietBeforeCloseNanos));
    }

    private void complete(PendingCall c, Object value, Throwable error) {
        if (c.syncReply != null || callbackExecutor == DirectExecutor.INSTANCE) { // no task to allocate
            c.finish(value, error);
            return;
        }
        try {
            callbackExecutor.execute(() -> c.finish(value, error));
        } catch (RejectedExecutionException e) {
            c.finish(value, error); // better late on the I/O thread than never
        }
    }
}
