package dev.rpcpool.transport.internal;

/**
 * Names and order of the handlers in every rpcpool connection pipeline. Internal.
 *
 * <p>Order: {@link #TLS} (reserved: an {@code SslHandler} goes first so every later handler sees
 * plaintext) → {@link #HTTP_CONNECT} (optional; removes itself after the handshake) → {@link #RPC}.
 * Handlers are looked up by these names, never by position, so adding TLS later changes nothing else.
 */
public final class Pipelines {
    public static final String TLS = "tls";
    public static final String HTTP_CONNECT = "http-connect";
    public static final String RPC = "rpc";

    private Pipelines() {}
}
