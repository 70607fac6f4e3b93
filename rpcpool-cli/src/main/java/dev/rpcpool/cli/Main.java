package dev.rpcpool.cli;

import java.time.Duration;
import picocli.CommandLine;

/** Entry point of the {@code rpcpool} command. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit status (tests call this instead of {@link #main}). */
    static int run(String... args) {
        return commandLine().execute(args);
    }

    static CommandLine commandLine() {
        CommandLine cmd = new CommandLine(new RpcpoolCommand());
        cmd.registerConverter(Duration.class, new DurationConverter());
        cmd.setCaseInsensitiveEnumValuesAllowed(true);
        cmd.setExitCodeExceptionMapper(e -> e instanceof CommandLine.ParameterException
                ? ExitCodes.USAGE : ExitCodes.UNREACHABLE);
        cmd.setExecutionExceptionHandler((e, line, parse) -> {
            line.getErr().println("rpcpool: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        });
        return cmd;
    }
}
