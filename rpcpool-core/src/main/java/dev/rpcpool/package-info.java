/**
 * rpcpool: a fast, correct, thread-safe pool of RPC client connections that speaks Go's
 * {@code net/rpc} wire protocol.
 *
 * <p>Public API lives in {@code dev.rpcpool} and its named sub-packages ({@code pool}, {@code rpc},
 * {@code codec}, {@code codec.gob}, {@code codec.jsonrpc}, {@code transport}). Packages whose name
 * contains {@code internal} are implementation details: do not use them, they change without notice.
 */
package dev.rpcpool;
