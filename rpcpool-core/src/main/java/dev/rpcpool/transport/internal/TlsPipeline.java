package dev.rpcpool.transport.internal;

import dev.rpcpool.transport.TlsOptions;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

/**
 * Puts the TLS handlers at the head of a connection pipeline, before any other handler
 * ({@link Pipelines}):
 * <ul>
 *   <li>TLS client: {@code tls} (SslHandler, SNI and hostname verification for the host dialled) →
 *       {@code tls-errors};
 *   <li>TLS server: {@code tls-detect} (rejects plaintext clients with an alert) → {@code tls} →
 *       {@code tls-errors} (one log line per failed handshake);
 *   <li>plaintext client: {@code tls-detect} (recognises a TLS server's answer and says to enable TLS).
 * </ul>
 * Internal; call from a {@code ChannelInitializer}.
 */
public final class TlsPipeline {
    /** Name of the plaintext/TLS mismatch detector. */
    public static final String DETECT = "tls-detect";
    /** Name of the handler that explains TLS failures. */
    public static final String ERRORS = "tls-errors";

    private TlsPipeline() {}

    /**
     * Adds client TLS to {@code ch} for a server dialled as {@code address}; its host string (a name
     * or an IP literal, never a reverse lookup) is sent as SNI and verified against the certificate.
     *
     * @param handshakeTimeout bound on the handshake (the caller's connect timeout)
     * @param ready failed with an explained {@code SSLHandshakeException} if the handshake fails;
     *     completed on success only if {@code lastStep} (else a later step, HTTP CONNECT, completes it)
     */
    public static void addClient(Channel ch, TlsOptions tls, InetSocketAddress address, Duration handshakeTimeout,
            Promise<Void> ready, boolean lastStep) {
        SslHandler ssl = tls.clientContext().newHandler(ch.alloc(), address.getHostString(), address.getPort());
        if (tls.hostnameVerification()) {
            SSLEngine engine = ssl.engine();
            SSLParameters params = engine.getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name host, as for https://host
            engine.setSSLParameters(params);
        }
        ssl.setHandshakeTimeoutMillis(handshakeTimeout.toMillis());
        ChannelPipeline p = ch.pipeline();
        p.addFirst(ERRORS, new TlsErrorHandler(true, tls.presentsCertificate()));
        p.addFirst(Pipelines.TLS, ssl);
        ssl.handshakeFuture().addListener(f -> {
            if (!f.isSuccess()) {
                ready.tryFailure(TlsFailures.clientHandshake(f.cause(), tls.presentsCertificate()));
            } else if (lastStep) {
                ready.trySuccess(null);
            }
        });
    }

    /** True if {@code ch} is connected and its TLS handshake is still under way. Event loop only. */
    public static boolean handshakePending(Channel ch) {
        SslHandler ssl = ch.pipeline().get(SslHandler.class);
        return ssl != null && ch.isActive() && !ssl.handshakeFuture().isDone();
    }

    /** Adds server TLS to an accepted connection. */
    public static void addServer(Channel ch, TlsOptions tls) {
        SslHandler ssl = tls.serverContext().newHandler(ch.alloc());
        ssl.setHandshakeTimeoutMillis(tls.handshakeTimeout().toMillis());
        ChannelPipeline p = ch.pipeline();
        p.addFirst(ERRORS, new TlsErrorHandler(false, true));
        p.addFirst(Pipelines.TLS, ssl);
        p.addFirst(DETECT, new PlaintextRejector());
    }

    /** Adds the TLS-server detector to a plaintext client connection. */
    public static void addPlaintextClient(Channel ch) {
        ch.pipeline().addFirst(DETECT, new TlsReplyDetector());
    }
}
