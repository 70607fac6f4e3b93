package dev.rpcpool.rpc.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.rpc.RequestListener;
import dev.rpcpool.transport.internal.CumulatingHandler;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one connection, like Go's {@code ServeCodec}: decodes requests on the event loop, runs
 * each on the server's executor (on the event loop itself only with a direct executor), and writes
 * replies as they finish.
 *
 * <p>Backpressure: when the connection has {@code maxConcurrentPerConnection} requests executing,
 * or its outbound buffer is over the high-water mark (a client that does not read its replies), it
 * stops decoding and turns autoRead off; it resumes when a request finishes or the channel is
 * writable again. So per-connection memory stays bounded. Bad input closes only this connection,
 * with the reason logged. Internal; event loop only, except {@link #invoke}.
 *
 * <p>Slow clients: the bytes this connection holds in an unfinished request count against the
 * server-wide {@code maxBufferedRequestBytes} (a connection that would pass it is closed), and a
 * request must arrive within {@code incompleteRequestTimeout} of its first byte, not counting time
 * the server itself stopped reading. So neither many trickling clients nor one can pin memory.
 */
public final class ServerHandler extends CumulatingHandler {
    private static final Logger log = LoggerFactory.getLogger(ServerHandler.class);

    private final ServerCodec codec;
    private final ServerState state;
    private final Runnable flushTask = this::flushNow;
    private ChannelHandlerContext ctx;
    private int inFlight;
    private boolean decoding;
    private boolean flushScheduled;
    private boolean counted;
    /** Buffered bytes of this connection counted in the server-wide total. */
    private long accounted;
    /** Set when a decode pass completed a request: what is buffered now is a new one. */
    private boolean progressed;
    /** System.nanoTime() when the unfinished request now buffered began to arrive; 0: none. */
    private long partialSince;
    private boolean partialTimerSet;
    private final Runnable partialCheck = this::checkPartial;

    public ServerHandler(ServerCodec codec, ServerState state) {
        this.codec = codec;
        this.state = state;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        counted = true;
        int open = state.connectionOpened();
        if (open > state.maxConnections) {
            log.warn("refusing connection from {}: {} connections open, maxConnections is {}",
                    ctx.channel().remoteAddress(), open - 1, state.maxConnections);
            ctx.close();
            return;
        }
        state.channels.add(ctx.channel());
        super.channelActive(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (counted) {
            counted = false;
            state.connectionClosed();
        }
        releaseAccounted();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        releaseAccounted();
        super.handlerRemoved(ctx);
    }

    private void releaseAccounted() {
        if (accounted > 0) {
            state.releaseBuffered(accounted);
            accounted = 0;
        }
        partialSince = 0;
    }

    @Override
    protected void afterDecode(ChannelHandlerContext ctx) {
        if (!ctx.channel().isActive()) {
            return;
        }
        long now = buffered() + codec.pendingBytes();
        long delta = now - accounted;
        if (delta > 0 && !state.reserveBuffered(delta)) {
            log.warn("closing connection from {}: its unfinished request ({} bytes so far) would take the bytes buffered"
                    + " over all connections past maxBufferedRequestBytes={} (too many slow or stalled clients?)",
                    ctx.channel().remoteAddress(), now, state.maxBufferedBytes);
            ctx.close();
            return;
        }
        if (delta < 0) {
            state.releaseBuffered(-delta);
        }
        accounted = now;
        boolean tookBytes = progressed;
        progressed = false;
        if (now == 0) {
            partialSince = 0;
        } else if (tookBytes || partialSince == 0) {
            partialSince = System.nanoTime(); // a new request began arriving
            armPartialCheck(state.incompleteRequestTimeoutNanos);
        }
    }

    private void armPartialCheck(long delayNanos) {
        if (state.incompleteRequestTimeoutNanos > 0 && !partialTimerSet) {
            partialTimerSet = true;
            ctx.executor().schedule(partialCheck, delayNanos, java.util.concurrent.TimeUnit.NANOSECONDS);
        }
    }

    private void checkPartial() {
        partialTimerSet = false;
        if (partialSince == 0 || !ctx.channel().isActive()) {
            return;
        }
        long now = System.nanoTime();
        if (!ctx.channel().config().isAutoRead()) {
            partialSince = now; // we stopped reading (backpressure): the client is not to blame
        }
        long waited = now - partialSince;
        long timeout = state.incompleteRequestTimeoutNanos;
        if (waited >= timeout) {
            log.warn("closing connection from {}: a request has been arriving for {} ms and is still incomplete ({} bytes"
                    + " so far; incompleteRequestTimeout={} ms)", ctx.channel().remoteAddress(), waited / 1_000_000,
                    accounted, timeout / 1_000_000);
            ctx.close();
            return;
        }
        armPartialCheck(timeout - waited);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in) {
        decoding = true;
        try {
            while (canDecode()) {
                int before = in.readerIndex();
                DecodedRequest r = codec.readRequest(in, state.registry);
                if (r == null) {
                    if (in.readerIndex() == before) {
                        return; // needs more bytes
                    }
                    continue; // the codec took a prefix (a gob type definition, say): try again
                }
                progressed = true;
                dispatch(r);
            }
            if (ctx.channel().isActive()) {
                ctx.channel().config().setAutoRead(false); // stop reading the socket until we catch up
            }
        } finally {
            decoding = false;
        }
    }

    private boolean canDecode() {
        return !state.closing() && inFlight < state.maxConcurrentPerConnection
                && ctx.channel().isWritable() && ctx.channel().isActive();
    }

    private void resume() {
        if (!decoding && !ctx.channel().config().isAutoRead() && canDecode()) {
            ctx.channel().config().setAutoRead(true);
            decodeAgain(ctx);
        }
    }

    private void dispatch(DecodedRequest r) {
        RequestHeader h = r.header();
        long started = state.requestListener == null ? 0 : System.nanoTime();
        ServiceMethod m = state.registry.find(h.serviceMethod());
        if (m == null) {
            answered(h, false, started, reply(h, null, null, state.registry.lookupError(h.serviceMethod())));
            return;
        }
        if (r.bodyError() != null) {
            answered(h, true, started, reply(h, null, null, r.bodyError()));
            return;
        }
        inFlight++;
        state.requestStarted();
        try {
            state.executor.execute(() -> invoke(h, m, r.args(), started));
        } catch (RejectedExecutionException e) {
            inFlight--;
            state.requestFinished();
            answered(h, true, started, reply(h, null, null, "rpc: server is shutting down"));
        }
    }

    /** Tells the request listener, if any, how a request ended: {@code error} is what the client got, or null. */
    private void answered(RequestHeader h, boolean registered, long started, String error) {
        RequestListener listener = state.requestListener;
        if (listener == null) {
            return;
        }
        try {
            listener.requestEnded(h.serviceMethod(), registered, System.nanoTime() - started, error);
        } catch (RuntimeException e) {
            log.warn("the request listener threw; ignored", e);
        }
    }

    /** Runs on the executor: a worker thread, or this event loop with a direct executor. */
    private void invoke(RequestHeader h, ServiceMethod m, Object args, long started) {
        Object result = null;
        String error = "";
        try {
            result = m.invoke(args);
        } catch (Throwable t) {
            // an empty error text would read as success on the wire (Go's client checks Error != "")
            error = t.getMessage() != null && !t.getMessage().isEmpty() ? t.getMessage() : t.getClass().getName();
            if (!(t instanceof Exception)) {
                log.warn("{} threw {}", h.serviceMethod(), t.toString(), t);
            }
        }
        if (ctx.executor().inEventLoop()) { // a direct executor: reply without a task
            answered(h, true, started, reply(h, result, m.replyType(), error));
            finished();
            return;
        }
        Object reply = result;
        String err = error;
        try {
            ctx.executor().execute(() -> {
                answered(h, true, started, reply(h, reply, m.replyType(), err));
                finished();
            });
        } catch (RejectedExecutionException e) {
            state.requestFinished(); // event loop gone: the connection is closed anyway
        }
    }

    private void finished() {
        inFlight--;
        state.requestFinished();
        resume();
    }

    /**
     * Writes a response ({@code error} empty: the reply) and returns the error text the client
     * gets, or null when it gets the reply.
     */
    private String reply(RequestHeader h, Object reply, Type declaredType, String error) {
        ByteBuf out = ctx.alloc().ioBuffer();
        String sent = error.isEmpty() ? null : error;
        try {
            codec.writeResponse(new ResponseHeader(h.serviceMethod(), h.seq(), error), reply, declaredType, out);
        } catch (CodecException e) {
            log.warn("cannot encode the reply of {} to {}: {}", h.serviceMethod(), ctx.channel().remoteAddress(), e.getMessage());
            sent = "rpc: cannot encode reply: " + e.getMessage();
            try {
                codec.writeResponse(new ResponseHeader(h.serviceMethod(), h.seq(), sent), null, out);
            } catch (CodecException again) {
                out.release();
                log.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), again.getMessage());
                ctx.close();
                return sent;
            }
        }
        ctx.write(out, ctx.voidPromise());
        if (!flushScheduled) {
            // one flush for every reply written before this task runs: batches under load, and a
            // lone reply waits only for the tasks already queued on this event loop
            flushScheduled = true;
            ctx.executor().execute(flushTask);
        }
        return sent;
    }

    private void flushNow() {
        flushScheduled = false;
        ctx.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        resume();
        super.channelWritabilityChanged(ctx);
    }

    @Override
    protected void decodeFailed(ChannelHandlerContext ctx, Exception cause) {
        log.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.getMessage());
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            log.debug("connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            log.warn("closing connection from {}: {}", ctx.channel().remoteAddress(), cause.toString(), cause);
        }
        ctx.close();
    }
}
