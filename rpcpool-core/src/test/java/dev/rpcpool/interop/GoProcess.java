package dev.rpcpool.interop;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A running Go program from {@code interop/go}. Servers print {@code LISTENING host:port} when
 * ready ({@link #startServer}); every program exits when its stdin closes, so {@link #close()}
 * (or a dead test JVM) never leaves one behind.
 *
 * <p>Thread-safety: {@link #close()}, {@link #kill()} and {@link #output()} may be called from any
 * thread.
 */
public final class GoProcess implements AutoCloseable {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);

    private final Process process;
    private final List<String> output = new ArrayList<>();
    private final CompletableFuture<InetSocketAddress> listening = new CompletableFuture<>();
    private final Thread reader;

    private GoProcess(Process process) {
        this.process = process;
        this.reader = new Thread(this::pumpOutput, "go-output-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code goserver} with the given flags (for example {@code "-codec", "json"}) on a free
     * loopback port and waits until it listens.
     */
    public static GoProcess startServer(String... flags) {
        List<String> args = new ArrayList<>(List.of("-addr", "127.0.0.1:0"));
        args.addAll(List.of(flags));
        return startListening("goserver", args.toArray(String[]::new));
    }

    /**
     * Starts the server program {@code name} from {@code interop/go} with arguments (which must make
     * it listen) and waits until it prints {@code LISTENING host:port}.
     */
    public static GoProcess startListening(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(GoPrograms.binary(name).toString());
        command.addAll(List.of(args));
        GoProcess server = start(command);
        try {
            server.listening.get(START_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close();
            throw new IllegalStateException("interrupted while starting " + command, e);
        } catch (ExecutionException | TimeoutException e) {
            server.close();
            throw new IllegalStateException(name + " did not start: " + command + "\n" + server.output(), e);
        }
        return server;
    }

    /** Starts any program from {@code interop/go} with arguments; use {@link #waitFor} for its result. */
    public static GoProcess startProgram(String name, String... args) {
        List<String> command = new ArrayList<>();
        command.add(GoPrograms.binary(name).toString());
        command.addAll(List.of(args));
        return start(command);
    }

    private static GoProcess start(List<String> command) {
        try {
            return new GoProcess(new ProcessBuilder(command).redirectErrorStream(true).start());
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + command, e);
        }
    }

    /** The address a server listens on. */
    public InetSocketAddress address() {
        return listening.join();
    }

    /** {@code host:port} of a server, as Go's flags take it. */
    public String hostPort() {
        InetSocketAddress a = address();
        return a.getHostString() + ":" + a.getPort();
    }

    /** Waits for the program to exit and returns its exit code. */
    public int waitFor(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("Go program did not finish within " + timeout + ":\n" + output());
        }
        reader.join(timeout.toMillis()); // the exit can overtake the last lines of output
        return process.exitValue();
    }

    /** Everything the program printed so far (stdout and stderr), one line per entry. */
    public String output() {
        synchronized (output) {
            return String.join("\n", output);
        }
    }

    /** Kills the program at once (SIGKILL), as a crashing server would die. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        kill();
    }

    private void pumpOutput() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                synchronized (output) {
                    output.add(line);
                }
                if (line.startsWith("LISTENING ") && !listening.isDone()) {
                    String hostPort = line.substring("LISTENING ".length()).trim();
                    int colon = hostPort.lastIndexOf(':');
                    listening.complete(new InetSocketAddress(
                            hostPort.substring(0, colon), Integer.parseInt(hostPort.substring(colon + 1))));
                }
            }
        } catch (IOException e) {
            // the process died; the exit is reported through waitFor or the missing LISTENING line
        }
        listening.completeExceptionally(new IllegalStateException("program exited before listening"));
    }
}
