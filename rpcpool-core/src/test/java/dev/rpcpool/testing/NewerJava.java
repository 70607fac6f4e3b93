package dev.rpcpool.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A JVM of at least a given Java release on this machine, to run a test's main class in, for what
 * the build's own JVM (Java 17) cannot show: callers on virtual threads (Java 21+). Looked for in
 * {@code $RPCPOOL_NEWER_JAVA_HOME}, then this JVM, then every JDK under {@code /usr/lib/jvm} (where
 * Debian and the machines this project is built on keep them, Temurin's among them).
 *
 * <p>Thread-safety: stateless.
 */
public final class NewerJava {
    private static final Pattern RELEASE_VERSION = Pattern.compile("^JAVA_VERSION=\"(\\d+)", Pattern.MULTILINE);

    private NewerJava() {
    }

    /** The {@code java} launcher of a JDK whose release is at least {@code feature}, if there is one. */
    public static Optional<Path> atLeast(int feature) {
        List<Path> homes = new ArrayList<>();
        String env = System.getenv("RPCPOOL_NEWER_JAVA_HOME");
        if (env != null && !env.isBlank()) {
            homes.add(Paths.get(env));
        }
        homes.add(Paths.get(System.getProperty("java.home")));
        try (Stream<Path> jvms = Files.list(Paths.get("/usr/lib/jvm"))) {
            jvms.sorted().forEach(homes::add);
        } catch (IOException e) {
            // no such directory: only the first two places
        }
        for (Path home : homes) {
            Path java = home.resolve("bin").resolve("java");
            if (release(home) >= feature && Files.isExecutable(java)) {
                return Optional.of(java);
            }
        }
        return Optional.empty();
    }

    /** The feature release a JDK's {@code release} file names, or 0. */
    private static int release(Path home) {
        try {
            Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release"), StandardCharsets.UTF_8));
            return m.find() ? Integer.parseInt(m.group(1)) : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /**
     * Runs {@code main} as {@link #run} does in a Java {@code feature}+ JVM of this machine, or skips
     * the calling test (a JUnit assumption) if there is none.
     */
    public static Outcome runOrSkip(int feature, Class<?> main, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        Optional<Path> java = atLeast(feature);
        Assumptions.assumeTrue(java.isPresent(), "no Java " + feature
                + "+ JVM on this machine (set RPCPOOL_NEWER_JAVA_HOME)");
        return run(java.get(), main, timeoutSeconds, args);
    }

    /** What a finished child JVM printed (stdout and stderr together) and its exit status. */
    public record Outcome(int status, String output) {
    }

    /**
     * Runs {@code main} with this test run's class path in {@code java}, and waits for it.
     *
     * @throws IllegalStateException if it does not end within {@code timeoutSeconds} (it is killed)
     */
    public static Outcome run(Path java, Class<?> main, long timeoutSeconds, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", System.getProperty("java.class.path"),
                main.getName()));
        command.addAll(List.of(args));
        Path output = Files.createTempFile("rpcpool-child", ".out");
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException(main.getSimpleName() + " on " + java + " did not end in "
                        + timeoutSeconds + " s; it printed:\n" + Files.readString(output));
            }
            return new Outcome(p.exitValue(), Files.readString(output));
        } finally {
            Files.deleteIfExists(output);
        }
    }
}
