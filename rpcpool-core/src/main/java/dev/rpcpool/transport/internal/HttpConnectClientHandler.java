package dev.rpcpool.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The client half of Go's HTTP CONNECT handshake ({@code rpc.DialHTTPPath}): once connected it
 * sends {@code CONNECT <path> HTTP/1.0} and requires the status {@code 200 Connected to Go RPC};
 * then it removes itself, passes any bytes already read on to the RPC handler and completes
 * {@code handshake}. On any other answer the handshake fails with Go's message
 * {@code unexpected HTTP response: <status>} and the connection is closed. Internal; event loop only.
 */
public final class HttpConnectClientHandler extends ChannelInboundHandlerAdapter {
    /** The status line Go's {@code ServeHTTP} answers with (without the protocol version). */
    public static final String CONNECTED = "200 Connected to Go RPC";

    private final String path;
    private final Promise<Void> handshake;
    private ByteBuf buffered;

    public HttpConnectClientHandler(String path, Promise<Void> handshake) {
        this.path = path;
        this.handshake = handshake;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        ctx.writeAndFlush(Unpooled.copiedBuffer("CONNECT " + path + " HTTP/1.0\n\n", StandardCharsets.ISO_8859_1))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        fail(ctx, f.cause());
                    }
                });
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        buffered = buffered == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, in);
        String statusLine;
        try {
            statusLine = HttpHead.readFirstLine(buffered);
        } catch (IllegalStateException e) {
            fail(ctx, new IOException("unexpected HTTP response: " + e.getMessage()));
            return;
        }
        if (statusLine == null) {
            return;
        }
        int space = statusLine.indexOf(' ');
        String status = space < 0 ? statusLine : statusLine.substring(space + 1);
        if (!CONNECTED.equals(status)) {
            fail(ctx, new IOException("unexpected HTTP response: " + status));
            return;
        }
        ByteBuf rest = buffered;
        buffered = null;
        ctx.pipeline().remove(this);
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        handshake.trySuccess(null);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        fail(ctx, new IOException("connection closed during HTTP CONNECT handshake"));
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        fail(ctx, cause);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        release();
    }

    private void fail(ChannelHandlerContext ctx, Throwable cause) {
        release();
        if (handshake.tryFailure(cause)) {
            ctx.close();
        }
    }

    private void release() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
