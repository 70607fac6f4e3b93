package dev.rpcpool.cli;

import dev.rpcpool.RpcClientPool;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rpcpool call}: one call to any net/rpc server, arguments and reply as JSON. */
@Command(name = "call", mixinStandardHelpOptions = true,
        description = {"Call any Go net/rpc server (or an rpcpool server) once and print the reply as JSON.",
            "Arguments are JSON: an object becomes a Go struct, whole numbers become Go ints."},
        footerHeading = "%nExit status:%n",
        footer = {"  0  success", "  1  the server returned an error (its text on stderr)",
            "  2  bad usage or arguments", "  3  could not connect, transport failure or timeout (cause on stderr)",
            "", "Example:", "  rpcpool call --addr 127.0.0.1:1234 Arith.Multiply '{\"A\":7,\"B\":8}'"})
final class CallCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Parameters(index = "0", paramLabel = "Service.Method", description = "Method to call, e.g. Arith.Multiply.")
    String method;

    @Parameters(index = "1", paramLabel = "JSON-ARGS", defaultValue = "null",
            description = "The argument as JSON, e.g. '{\"A\":7,\"B\":8}', 42 or '\"text\"'.")
    String json;

    @Override
    public Integer call() {
        Object args;
        try {
            args = JsonArgs.parse(json);
        } catch (IllegalArgumentException e) {
            return Failures.report(e, spec.commandLine().getErr());
        }
        try (RpcClientPool pool = target.poolBuilder().maxConnections(1).disableProbe().build()) {
            Object reply = pool.call(method, args, Object.class, target.timeout);
            spec.commandLine().getOut().println(JsonArgs.render(reply));
            return ExitCodes.OK;
        } catch (RuntimeException e) {
            return Failures.report(e, spec.commandLine().getErr());
        }
    }
}
