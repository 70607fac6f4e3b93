package dev.rpcpool.transport.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler of a TLS server: looks at the first byte a client sends. A TLS client starts with
 * a handshake record (content type 22); anything else is a plaintext client, which gets a fatal TLS
 * alert and is disconnected at once. Without this, a plaintext request may look like the start of
 * a long record to the {@code SslHandler}, which then waits for bytes that never come and the
 * client hangs until its deadline; with it, the client's guard ({@link TlsReplyDetector}) reads the
 * alert and tells its user to enable TLS. Removes itself after the first byte. Internal; event loop only.
 */
final class PlaintextRejector extends ByteToMessageDecoder {
    private static final Logger log = LoggerFactory.getLogger(PlaintextRejector.class);
    /** TLS record content type of a handshake message, the first byte of every ClientHello. */
    static final int HANDSHAKE = 22;
    /** A fatal {@code unexpected_message} alert record (TLS 1.2 framing, which TLS 1.3 also uses for alerts). */
    private static final byte[] ALERT = {21, 3, 3, 0, 2, 2, 10};

    private boolean rejected;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (rejected) {
            in.skipBytes(in.readableBytes()); // reads already under way when the alert went out
            return;
        }
        if (!in.isReadable()) {
            return;
        }
        int first = in.getUnsignedByte(in.readerIndex());
        if (first == HANDSHAKE) {
            ctx.pipeline().remove(this); // hands the buffered bytes to the SslHandler
            return;
        }
        log.warn("closing plaintext connection from {}: this server requires TLS (first byte 0x{})",
                ctx.channel().remoteAddress(), Integer.toHexString(first));
        rejected = true;
        in.skipBytes(in.readableBytes());
        ctx.channel().config().setAutoRead(false);
        ctx.writeAndFlush(Unpooled.wrappedBuffer(ALERT)).addListener(ChannelFutureListener.CLOSE);
    }
}
