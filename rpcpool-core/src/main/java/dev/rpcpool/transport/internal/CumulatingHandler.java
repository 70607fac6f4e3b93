package dev.rpcpool.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;

/**
 * Accumulates inbound bytes and hands them to {@link #decode} until it has taken what it can. Unlike
 * Netty's {@code ByteToMessageDecoder}, a subclass may stop decoding (backpressure) and restart
 * later with {@link #decodeAgain}, and codecs may keep bytes of their own, so {@link #decode} is
 * called even when no new bytes arrived. Internal; runs on the channel's event loop only.
 */
public abstract class CumulatingHandler extends ChannelDuplexHandler {
    private ByteBuf cumulation;

    @Override
    public final void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            ctx.fireChannelRead(msg);
            return;
        }
        cumulation = cumulation == null ? buf : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), cumulation, buf);
        decodeAgain(ctx);
    }

    /** Runs {@link #decode} on the buffered bytes; call it on the event loop after resuming. */
    protected final void decodeAgain(ChannelHandlerContext ctx) {
        assert ctx.executor().inEventLoop();
        ByteBuf in = cumulation != null ? cumulation : io.netty.buffer.Unpooled.EMPTY_BUFFER;
        try {
            decode(ctx, in);
        } catch (Exception e) {
            decodeFailed(ctx, e);
        } finally {
            trim();
        }
        afterDecode(ctx);
    }

    /** Called after each {@link #decode} pass, with {@link #buffered()} up to date. Does nothing by default. */
    protected void afterDecode(ChannelHandlerContext ctx) {
    }

    private void trim() {
        ByteBuf c = cumulation;
        if (c == null) {
            return;
        }
        if (!c.isReadable()) {
            cumulation = null;
            c.release();
        } else {
            c.discardSomeReadBytes();
        }
    }

    /** Bytes buffered and not yet taken by {@link #decode}. */
    protected final int buffered() {
        return cumulation == null ? 0 : cumulation.readableBytes();
    }

    /**
     * Takes as many complete messages from {@code in} as it wants; leaves the rest. Called on the
     * event loop.
     */
    protected abstract void decode(ChannelHandlerContext ctx, ByteBuf in) throws Exception;

    /** {@link #decode} threw: the stream cannot continue; close the connection with a reason. */
    protected abstract void decodeFailed(ChannelHandlerContext ctx, Exception cause);

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseBuffered();
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        releaseBuffered();
        super.handlerRemoved(ctx);
    }

    private void releaseBuffered() {
        ByteBuf c = cumulation;
        cumulation = null;
        if (c != null) {
            c.release();
        }
    }
}
