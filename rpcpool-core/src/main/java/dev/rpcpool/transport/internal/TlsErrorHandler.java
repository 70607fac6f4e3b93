package dev.rpcpool.transport.internal;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sits right after the {@code SslHandler} and makes TLS failures readable. On a client it replaces
 * raw TLS exceptions with explained ones (a TLS 1.3 server rejects a client certificate only after
 * the client's handshake completed, so the explanation reaches the first call). On a server it logs
 * one line per failed handshake (peer and reason, no stack trace), closes the connection and stops
 * the exception there; after a successful handshake it removes itself. Internal; event loop only.
 */
final class TlsErrorHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(TlsErrorHandler.class);

    private final boolean client;
    private final boolean presentsCertificate;

    TlsErrorHandler(boolean client, boolean presentsCertificate) {
        this.client = client;
        this.presentsCertificate = presentsCertificate;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (!client && evt instanceof SslHandshakeCompletionEvent done) {
            if (done.isSuccess()) {
                ctx.pipeline().remove(this);
            } else if (ctx.pipeline().get(TlsPipeline.DETECT) == null) { // else a plaintext client, logged there
                log.warn("TLS handshake with {} failed: {}", ctx.channel().remoteAddress(),
                        TlsFailures.explainForServer(done.cause()));
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!isTls(cause)) {
            ctx.fireExceptionCaught(cause);
        } else if (client) {
            ctx.fireExceptionCaught(TlsFailures.isExplained(cause) ? cause : TlsFailures.clientConnection(cause, presentsCertificate));
        } else {
            log.debug("TLS failure on connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }

    private static boolean isTls(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof SSLException || c instanceof NotSslRecordException) {
                return true;
            }
        }
        return false;
    }
}
