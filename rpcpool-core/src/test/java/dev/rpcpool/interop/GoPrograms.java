package dev.rpcpool.interop;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Builds the Go programs under {@code interop/go} (standard library only) once per test JVM and
 * hands out their binaries; runs other {@code go} commands there ({@link #run}). When {@code go} is not installed the calling test is skipped with a
 * message saying how to install it, unless {@code RPCPOOL_REQUIRE_GO=1} (set by {@code .ci/run}),
 * in which case the test fails: CI must never silently skip interop.
 *
 * <p>Thread-safety: thread-safe; builds are serialised.
 */
public final class GoPrograms {
    private static final Map<String, Path> BUILT = new HashMap<>();

    private GoPrograms() {}

    /** Returns the binary of {@code interop/go/<name>}, building it on first use. */
    public static synchronized Path binary(String name) {
        Path cached = BUILT.get(name);
        if (cached != null) {
            return cached;
        }
        Path out = Paths.get("target", "go-bin", name).toAbsolutePath();
        try {
            Files.createDirectories(out.getParent());
        } catch (IOException e) {
            throw new IllegalStateException("cannot create " + out.getParent(), e);
        }
        run(Duration.ofMinutes(5), "build", "-o", out.toString(), "./" + name);
        BUILT.put(name, out);
        return out;
    }

    /**
     * Runs {@code go args...} in {@code interop/go} and returns its output (stdout and stderr).
     *
     * @throws IllegalStateException if it fails or runs longer than {@code timeout}, with its output
     */
    public static String run(Duration timeout, String... args) {
        List<String> command = new ArrayList<>();
        command.add(findGo());
        command.addAll(List.of(args));
        Path dir = interopDir();
        try {
            Process go = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
            // read on this thread until EOF: go's output is small, and reading first avoids a full pipe
            String log = new String(go.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!go.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                go.destroyForcibly();
                throw new IllegalStateException("go " + String.join(" ", args) + " took longer than " + timeout + " in " + dir
                        + ":\n" + log);
            }
            if (go.exitValue() != 0) {
                throw new IllegalStateException("go " + String.join(" ", args) + " failed in " + dir + ":\n" + log);
            }
            return log;
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + command, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running " + command, e);
        }
    }

    /** The {@code interop/go} directory, found by walking up from the working directory. */
    public static Path interopDir() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("interop").resolve("go");
            if (Files.isRegularFile(candidate.resolve("go.mod"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("interop/go/go.mod not found above " + Paths.get("").toAbsolutePath());
    }

    private static String findGo() {
        for (String candidate : List.of("go", "/usr/bin/go", "/usr/local/go/bin/go")) {
            try {
                Process p = new ProcessBuilder(candidate, "version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0) {
                    return candidate;
                }
            } catch (IOException e) {
                // not this one; try the next
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        String message = "Go is not installed, so the interop tests against real Go net/rpc peers are skipped."
                + " Install it with: sudo apt-get install golang-go";
        if ("1".equals(System.getenv("RPCPOOL_REQUIRE_GO"))) {
            throw new IllegalStateException(message + " (RPCPOOL_REQUIRE_GO=1: interop tests must run)");
        }
        assumeTrue(false, message);
        throw new AssertionError("unreachable");
    }
}
