package dev.rpcpool.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server half of Go's HTTP CONNECT handshake ({@code rpc.Server.ServeHTTP} behind
 * {@code HandleHTTP}): accepts {@code CONNECT <path>} and answers
 * {@code HTTP/1.0 200 Connected to Go RPC}, then removes itself and lets the RPC handler read the
 * rest. Other methods get Go's {@code 405 must CONNECT}, other paths {@code 404 page not found},
 * and the connection is closed. A peer that has not sent its request head within
 * {@link #HANDSHAKE_TIMEOUT} is disconnected, so idle half-open handshakes cannot pile up.
 * Internal; event loop only.
 */
public final class HttpConnectServerHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(HttpConnectServerHandler.class);

    /** How long a new connection may take to send its {@code CONNECT} request. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);

    private final String path;
    private ScheduledFuture<?> timer;
    private ByteBuf buffered;
    private boolean rejected;

    public HttpConnectServerHandler(String path) {
        this.path = path;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ByteBuf in = (ByteBuf) msg;
        if (rejected) {
            in.release(); // answered and closing: ignore whatever else the peer sends
            return;
        }
        buffered = buffered == null ? in : ByteToMessageDecoder.MERGE_CUMULATOR.cumulate(ctx.alloc(), buffered, in);
        String requestLine;
        try {
            requestLine = HttpHead.readFirstLine(buffered);
        } catch (IllegalStateException e) {
            log.warn("closing {}: {}", ctx.channel().remoteAddress(), e.getMessage());
            rejected = true;
            release();
            ctx.close();
            return;
        }
        if (requestLine == null) {
            return;
        }
        String[] parts = requestLine.split(" ");
        String method = parts[0];
        String target = parts.length > 1 ? parts[1] : "";
        if (!"CONNECT".equals(method)) {
            reject(ctx, "405 Method Not Allowed", "405 must CONNECT\n", requestLine);
            return;
        }
        if (!path.equals(target)) {
            reject(ctx, "404 Not Found", "404 page not found\n", requestLine);
            return;
        }
        ByteBuf rest = buffered;
        buffered = null;
        ctx.writeAndFlush(Unpooled.copiedBuffer("HTTP/1.0 " + HttpConnectClientHandler.CONNECTED + "\n\n",
                StandardCharsets.ISO_8859_1));
        ctx.pipeline().remove(this);
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
    }

    private void reject(ChannelHandlerContext ctx, String status, String body, String requestLine) {
        log.info("rejecting HTTP request from {}: {} -> {}", ctx.channel().remoteAddress(), requestLine, status);
        rejected = true;
        release();
        String response = "HTTP/1.0 " + status + "\r\nContent-Type: text/plain; charset=utf-8\r\n"
                + "Content-Length: " + body.length() + "\r\nConnection: close\r\n\r\n" + body;
        ctx.writeAndFlush(Unpooled.copiedBuffer(response, StandardCharsets.ISO_8859_1))
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        timer = ctx.executor().schedule(() -> {
            log.info("closing {}: no HTTP CONNECT request within {} ms", ctx.channel().remoteAddress(),
                    HANDSHAKE_TIMEOUT.toMillis());
            ctx.close();
        }, HANDSHAKE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (timer != null) {
            timer.cancel(false);
        }
        release();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (timer != null) {
            timer.cancel(false);
        }
        release();
        super.channelInactive(ctx);
    }

    private void release() {
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }
}
