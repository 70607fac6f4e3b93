/**
 * The Netty transport shared by RPC clients and servers: {@link dev.rpcpool.transport.EventLoopResources}
 * (event loops, epoll when available), {@link dev.rpcpool.transport.TlsOptions} (TLS and mutual TLS)
 * and the pipeline pieces for plain TCP, TLS and Go's HTTP CONNECT mode ({@code rpc.DialHTTP} /
 * {@code rpc.HandleHTTP}).
 *
 * <p>Pipeline order of every connection, client and server (names in
 * {@link dev.rpcpool.transport.internal.Pipelines}): {@code [tls]} (with TLS options; see
 * {@code transport.internal.TlsPipeline} for its helpers) →
 * {@code http-connect} (only in HTTP CONNECT mode, removes itself after the handshake) →
 * {@code rpc} (the codec-driven RPC handler). TLS is a Netty {@code SslHandler} added first, so
 * nothing after it changes.
 */
package dev.rpcpool.transport;
