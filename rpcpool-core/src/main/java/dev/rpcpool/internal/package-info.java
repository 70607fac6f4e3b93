/**
 * Implementation of {@link dev.rpcpool.RpcClientPool}. Not public API: do not use these classes,
 * they change without notice.
 */
package dev.rpcpool.internal;
