package dev.rpcpool.cli;

/** Exit statuses of the {@code rpcpool} command, as documented in the README and {@code --help}. */
final class ExitCodes {
    static final int OK = 0;
    /** The server answered with an error (its text goes to stderr). */
    static final int SERVER_ERROR = 1;
    /** Bad usage or arguments. */
    static final int USAGE = 2;
    /** Could not connect, transport failure, or timeout (the cause goes to stderr). */
    static final int UNREACHABLE = 3;

    private ExitCodes() {}
}
