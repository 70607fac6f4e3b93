package dev.rpcpool.cli;

import picocli.CommandLine.Command;

/** The top-level {@code rpcpool} command; the work is in its subcommands. */
@Command(name = "rpcpool", mixinStandardHelpOptions = true, version = "rpcpool 0.1.0-SNAPSHOT",
        description = "A fast, correct pool of RPC connections speaking Go's net/rpc (gob and jsonrpc).",
        subcommands = {DemoCommand.class, ServeCommand.class, CallCommand.class, BenchCommand.class},
        footer = {"", "Durations are written like 500ms, 5s, 1m. Start with: rpcpool demo"})
final class RpcpoolCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
