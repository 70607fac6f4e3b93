package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.cli.CliTest.Run;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code rpcpool serve} as a user runs it: its own process, found through the address it prints,
 * answering calls until it is sent SIGTERM (what Ctrl-C and {@code kill} send), then gone.
 */
class ServeProcessTest {
    private static final Pattern LISTENING = Pattern.compile("on (127\\.0\\.0\\.1:\\d+) ");

    @ParameterizedTest
    @ValueSource(booleans = {false, true})
    // a server that never prints its address must not hang the build (a blocked pipe read ignores interrupts)
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void servesUntilTerminated(boolean direct) throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--addr", "127.0.0.1:0"));
        if (direct) {
            command.add("--direct");
        }
        Path stderr = Files.createTempFile("rpcpool-serve", ".err");
        Process server = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            String banner = banner(server, stderr);
            Matcher m = LISTENING.matcher(banner);
            assertThat(m.find()).isTrue();
            assertThat(banner.contains("methods run on the I/O threads")).as(banner).isEqualTo(direct);

            Run multiply = CliTest.run("call", "--addr", m.group(1), "Arith.Multiply", "{\"A\":7,\"B\":8}");
            assertThat(multiply.status()).as(multiply.err()).isZero();
            assertThat(multiply.out().trim()).isEqualTo("56");
            Run echo = CliTest.run("bench", "--addr", m.group(1), "--concurrency", "8", "--duration", "300ms",
                    "--warmup", "100ms", "--json", "--payload", "1024", "Echo.Bytes");
            assertThat(echo.status()).as(echo.err()).isZero();
            assertThat(echo.out()).contains("\"errors\":0").containsPattern("\"calls\":[1-9]");

            server.destroy(); // SIGTERM: the shutdown hook closes the server and its event loops
            assertThat(server.waitFor(15, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }

    @org.junit.jupiter.api.Test
    @Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
    void printsWhatItAnsweredEveryInterval() throws Exception {
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--addr", "127.0.0.1:0",
                "--stats", "200ms"));
        Path stderr = Files.createTempFile("rpcpool-serve", ".err");
        Process server = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
            String banner = banner(out, stderr);
            Matcher m = LISTENING.matcher(banner);
            assertThat(m.find()).isTrue();
            Run multiply = CliTest.run("call", "--addr", m.group(1), "Arith.Multiply", "{\"A\":7,\"B\":8}");
            assertThat(multiply.status()).as(multiply.err()).isZero();
            Run divide = CliTest.run("call", "--addr", m.group(1), "Arith.Divide", "{\"A\":1,\"B\":0}");
            assertThat(divide.status()).isEqualTo(ExitCodes.SERVER_ERROR);
            // the two calls may land in one interval or two; quiet intervals print nothing
            List<String> lines = new ArrayList<>();
            while (lines.stream().noneMatch(l -> l.contains("Arith.Divide"))) {
                String line = out.readLine();
                assertThat(line).as("serve's output ended; its error output: %s", Files.readString(stderr)).isNotNull();
                lines.add(line);
            }
            assertThat(lines).allSatisfy(l -> assertThat(l).startsWith("rpcpool: last 200ms: "));
            assertThat(String.join("\n", lines)).contains("Arith.Multiply 1");
            assertThat(lines.get(lines.size() - 1)).contains("1 failed", "Arith.Divide 1");
        } finally {
            server.destroyForcibly();
            Files.deleteIfExists(stderr);
        }
    }

    /** The first line of standard output that names the address (the JVM may print notes before it). */
    private static String banner(Process p, Path stderr) throws IOException {
        return banner(new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)), stderr);
    }

    private static String banner(BufferedReader out, Path stderr) throws IOException {
        for (String line; (line = out.readLine()) != null; ) {
            if (LISTENING.matcher(line).find()) {
                return line;
            }
        }
        throw new AssertionError("serve printed no address; its error output: " + Files.readString(stderr));
    }
}
