/**
 * Go's {@code net/rpc} over Netty: {@link dev.rpcpool.rpc.RpcClient} (one connection, many calls in
 * flight, opened by {@link dev.rpcpool.rpc.RpcConnector}) and {@link dev.rpcpool.rpc.RpcServer}
 * (a service registry serving Go clients). The wire codec is chosen in the options.
 * Implementation classes live in {@code internal}; do not use them.
 */
package dev.rpcpool.rpc;
