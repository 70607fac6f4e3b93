package dev.rpcpool.demo;

import dev.rpcpool.rpc.RpcServer;

/**
 * The demo services of {@code interop/go/goserver}, same names and semantics: {@code Arith},
 * {@code Echo}, {@code Sleep}. Used by the CLI, benchmarks and tests. Thread-safe.
 */
public final class DemoServices {
    private DemoServices() {}

    /** Registers {@code Arith}, {@code Echo} and {@code Sleep} on {@code server} and returns it. */
    public static RpcServer registerAll(RpcServer server) {
        return server.register("Arith", new Arith()).register("Echo", new Echo()).register("Sleep", new Sleep());
    }
}
