package dev.rpcpool.cli;

import dev.rpcpool.RpcPoolException;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.rpc.ServerErrorException;
import java.io.PrintWriter;

/** Turns a failed call into a message for a person and an exit status. */
final class Failures {
    private Failures() {}

    static int report(Throwable e, PrintWriter err) {
        if (e instanceof ServerErrorException s) {
            err.println("server error: " + s.remoteError());
            return ExitCodes.SERVER_ERROR;
        }
        if (e instanceof CodecException) {
            err.println("rpcpool: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof IllegalArgumentException) {
            err.println("rpcpool: " + e.getMessage());
            return ExitCodes.USAGE;
        }
        if (e instanceof RpcPoolException) {
            err.println("rpcpool: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        err.println("rpcpool: unexpected failure: " + e);
        return ExitCodes.UNREACHABLE;
    }
}
