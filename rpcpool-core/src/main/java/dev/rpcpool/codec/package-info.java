/**
 * The codec SPI: how a {@code net/rpc} request or response is turned into bytes and back.
 *
 * <p>A {@link dev.rpcpool.codec.Codec} is an immutable, thread-safe factory; each connection gets
 * its own {@link dev.rpcpool.codec.ClientCodec} or {@link dev.rpcpool.codec.ServerCodec}, which may
 * hold per-connection stream state (gob sends each type definition once per connection; the
 * jsonrpc server remembers each request's JSON id). Codecs know bytes, not sockets or pools: they
 * read from and write to Netty {@link io.netty.buffer.ByteBuf}s handed to them by the transport.
 *
 * <p>Go's two codecs are provided: {@code dev.rpcpool.codec.gob} (Go's default, {@code encoding/gob})
 * and {@code dev.rpcpool.codec.jsonrpc} (Go's {@code net/rpc/jsonrpc}, JSON-RPC 1.0).
 */
package dev.rpcpool.codec;
