package dev.rpcpool.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import javax.net.ssl.SSLException;

/**
 * First handler of a plaintext client: if the server's first bytes are a TLS record header (an
 * alert or a handshake, version 3.x), the server requires TLS; the connection is failed with a
 * message saying so, instead of feeding TLS bytes to the RPC decoder and reporting gibberish. If the
 * server closes the connection after this client wrote but before it read a single byte (what a Go
 * TLS server does with a plaintext request), the EOF says that TLS may be the reason. Removes itself
 * after the first non-TLS bytes, so established connections pay nothing. Internal; event loop only.
 */
final class TlsReplyDetector extends ChannelDuplexHandler {
    static final String ENABLE_TLS = "enable TLS (RpcClientOptions.Builder.tls / RpcClientPool.Builder.tls, CLI --tls)";
    private static final int ALERT = 21;
    private static final int HEADER_BYTES = 3;

    private ByteBuf buffered;
    private boolean wrote;

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        wrote = true;
        super.write(ctx, msg, promise);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf in)) {
            ctx.fireChannelRead(msg);
            return;
        }
        buffered = buffered == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, in);
        int n = Math.min(buffered.readableBytes(), HEADER_BYTES);
        boolean tlsSoFar = true;
        for (int i = 0; i < n && tlsSoFar; i++) {
            int b = buffered.getUnsignedByte(buffered.readerIndex() + i);
            tlsSoFar = switch (i) {
                case 0 -> b == ALERT || b == PlaintextRejector.HANDSHAKE;
                case 1 -> b == 3;
                default -> b <= 4;
            };
        }
        if (tlsSoFar && n < HEADER_BYTES) {
            return; // too few bytes to tell
        }
        ByteBuf bytes = buffered;
        buffered = null;
        if (tlsSoFar) {
            bytes.release();
            ctx.fireExceptionCaught(new SSLException("the server answered with TLS: it requires TLS; " + ENABLE_TLS));
            ctx.close();
            return;
        }
        ctx.pipeline().remove(this);
        ctx.fireChannelRead(bytes);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        release();
        if (wrote) {
            ctx.fireExceptionCaught(new IOException("unexpected EOF: the server closed the connection without "
                    + "answering (if it requires TLS, " + ENABLE_TLS + ")"));
        }
        super.channelInactive(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void release() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
