package dev.rpcpool.cli;

/** How a benchmark client reaches the server. */
enum BenchMode {
    /** A new connection for every call: the tutorial's "without a pool". */
    dial,
    /** {@code RpcClientPool} in EXCLUSIVE mode: one call per connection at a time. */
    exclusive,
    /** {@code RpcClientPool} in MULTIPLEXED mode: many calls per connection. */
    multiplexed
}
