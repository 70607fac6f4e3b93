/**
 * Go's {@code net/rpc/jsonrpc} codec: {@link dev.rpcpool.codec.jsonrpc.JsonRpcCodec}. Implementation
 * classes live in {@code internal}; do not use them.
 */
package dev.rpcpool.codec.jsonrpc;
