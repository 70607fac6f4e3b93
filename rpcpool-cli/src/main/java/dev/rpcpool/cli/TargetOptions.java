package dev.rpcpool.cli;

import dev.rpcpool.RpcClientPool;
import java.time.Duration;
import picocli.CommandLine.Option;

/** Options naming a server and how to speak to it, shared by {@code call} and {@code bench}. */
final class TargetOptions {
    @Option(names = "--addr", required = true, paramLabel = "HOST:PORT", description = "Server address.")
    String addr;

    @Option(names = "--codec", defaultValue = "gob", paramLabel = "gob|json",
            description = "Wire codec: gob (Go's default) or json (net/rpc/jsonrpc). Default: ${DEFAULT-VALUE}.")
    CodecChoice codec;

    @Option(names = "--http", description = "Connect with Go's HTTP CONNECT handshake (rpc.HandleHTTP servers).")
    boolean http;

    @Option(names = "--timeout", defaultValue = "5s", paramLabel = "DURATION",
            description = "Deadline of each call, e.g. 500ms, 5s. Default: ${DEFAULT-VALUE}.")
    Duration timeout;

    /** A pool builder for this target with these options applied. */
    RpcClientPool.Builder poolBuilder() {
        RpcClientPool.Builder b = RpcClientPool.builder(addr).codec(codec.codec()).callTimeout(timeout)
                .connectTimeout(timeout);
        return http ? b.http() : b;
    }
}
