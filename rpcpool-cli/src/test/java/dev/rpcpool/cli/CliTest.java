package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.testing.NewerJava;
import dev.rpcpool.transport.EventLoopResources;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line against real rpcpool servers (gob and json) on loopback. */
class CliTest {
    private static EventLoopResources loops;
    private static RpcServer gobServer;
    private static RpcServer jsonServer;
    private static String gobAddr;
    private static String jsonAddr;

    @BeforeAll
    static void startServers() {
        loops = EventLoopResources.create(2);
        gobServer = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(GobCodec.create()).build()));
        jsonServer = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(new JsonRpcCodec()).build()));
        gobAddr = hostPort(gobServer.start(new InetSocketAddress("127.0.0.1", 0)));
        jsonAddr = hostPort(jsonServer.start(new InetSocketAddress("127.0.0.1", 0)));
    }

    @AfterAll
    static void stopServers() {
        gobServer.shutdown(Duration.ofSeconds(1));
        jsonServer.shutdown(Duration.ofSeconds(1));
        loops.close();
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    /** Runs the command line with captured output (also used by {@link CliTlsTest}). */
    record Run(int status, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = Main.commandLine();
        cmd.setOut(new PrintWriter(out, true));
        cmd.setErr(new PrintWriter(err, true));
        int status = cmd.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    @Test
    void callPrintsTheReplyAsJsonWithBothCodecs() {
        Run gob = run("call", "--addr", gobAddr, "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(gob.status()).as(gob.err()).isZero();
        assertThat(gob.out().trim()).isEqualTo("56");
        Run json = run("call", "--addr", jsonAddr, "--codec", "json", "Arith.Divide", "{\"A\":17,\"B\":5}");
        assertThat(json.status()).as(json.err()).isZero();
        assertThat(json.out()).contains("\"Quo\" : 3").contains("\"Rem\" : 2");
        Run gobStruct = run("call", "--addr", gobAddr, "Arith.Divide", "{\"A\":17,\"B\":5}");
        assertThat(gobStruct.status()).as(gobStruct.err()).isZero();
        assertThat(gobStruct.out()).contains("\"Quo\" : 3").contains("\"Rem\" : 2");
    }

    @Test
    void aServerErrorExitsOneWithItsTextOnStderr() {
        Run r = run("call", "--addr", gobAddr, "Arith.Divide", "{\"A\":1,\"B\":0}");
        assertThat(r.status()).isEqualTo(1);
        assertThat(r.err()).contains("divide by zero");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badUsageOrArgumentsExitTwo() {
        assertThat(run("call", "--addr", gobAddr, "Arith.Multiply", "{A:7}").status()).isEqualTo(2);
        assertThat(run("call", "Arith.Multiply").status()).as("missing --addr").isEqualTo(2);
        Run badDuration = run("call", "--addr", gobAddr, "--timeout", "5", "Arith.Multiply", "1");
        assertThat(badDuration.status()).isEqualTo(2);
        assertThat(badDuration.err()).contains("500ms");
        // refused before anything listens
        Run noStats = run("serve", "--addr", "127.0.0.1:0", "--stats", "0s");
        assertThat(noStats.status()).isEqualTo(2);
        assertThat(noStats.err()).contains("--stats must be a positive duration, such as 10s");
    }

    @Test
    void anUnreachableServerExitsThreeWithTheCause() throws Exception {
        int freePort;
        try (ServerSocket s = new ServerSocket(0)) {
            freePort = s.getLocalPort();
        }
        Run r = run("call", "--addr", "127.0.0.1:" + freePort, "--timeout", "2s", "Arith.Multiply", "{\"A\":1,\"B\":2}");
        assertThat(r.status()).isEqualTo(3);
        assertThat(r.err()).contains("127.0.0.1:" + freePort).containsIgnoringCase("connect");
    }

    @Test
    void benchJsonPrintsExactlyTheDocumentedKeys() throws Exception {
        Run r = run("bench", "--addr", gobAddr, "--mode", "multiplexed", "--concurrency", "4",
                "--duration", "1s", "--warmup", "200ms", "--json", "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.fieldNames()).toIterable().containsExactly(
                "calls", "qps", "p50_us", "p90_us", "p99_us", "max_us", "errors", "connections_opened",
                "alloc_bytes_per_call", "cpu_us_per_call", "context_switches_per_call");
        assertThat(n.get("calls").asLong()).isPositive();
        // a call costs some CPU and, with four blocking callers, a hand-off or two, but not a millisecond
        assertThat(n.get("cpu_us_per_call").asDouble()).isBetween(0.1, 1_000.0);
        assertThat(n.get("context_switches_per_call").asDouble()).isBetween(0.01, 50.0);
        // a call allocates something (its reply at least), and far less than a megabyte
        assertThat(n.get("alloc_bytes_per_call").asLong()).isBetween(1L, 1_000_000L);
        assertThat(n.get("errors").asLong()).isZero();
        assertThat(n.get("connections_opened").asLong()).isBetween(1L, 8L);
    }

    @Test
    void benchDialModeOpensAConnectionPerCall() throws Exception {
        Run r = run("bench", "--addr", jsonAddr, "--codec", "json", "--mode", "dial", "--concurrency", "2",
                "--duration", "500ms", "--warmup", "100ms", "--json", "Echo.Bytes", "--payload", "1024");
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("connections_opened").asLong()).isGreaterThanOrEqualTo(n.get("calls").asLong());
    }

    @Test
    void demoRunsTheWorkloadFourWaysWithoutErrors() {
        Run r = run("demo", "--duration", "300ms", "--concurrency", "4");
        assertThat(r.status()).as(r.err()).isZero();
        for (String way : new String[] {"new connection per call", "pool, EXCLUSIVE", "pool, MULTIPLEXED",
            "pool, MULTIPLEXED, async"}) {
            assertThat(r.out()).contains("done: " + way);
        }
        assertThat(r.out().lines().filter(l -> l.startsWith("  pool, ") || l.startsWith("  new connection")))
                .hasSize(4)
                .allSatisfy(row -> assertThat(row.trim().split("\\s{2,}")[5]).as("errors in: " + row).isEqualTo("0"));
    }

    @Test
    void benchMaxInFlightSpreadsCallsOverMoreConnections() {
        Run r = run("bench", "--addr", gobAddr, "--mode", "multiplexed", "--max-in-flight", "1", "--concurrency", "4",
                "--warmup", "200ms", "--duration", "300ms", "--json", "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(r.status()).as(r.err()).isZero();
        // one call per connection at a time, four callers: four connections (the default, 32, makes one)
        assertThat(r.out()).contains("\"errors\":0").contains("\"connections_opened\":4");
        assertThat(run("bench", "--addr", gobAddr, "--max-in-flight", "0", "Arith.Multiply", "{}").err())
                .contains("--max-in-flight must be at least 1");
    }

    @Test
    void benchRunsOnAsManyIoThreadsAsItIsGivenAndRefusesNone() {
        Run r = run("bench", "--addr", gobAddr, "--io-threads", "1", "--async", "--concurrency", "8", "--warmup", "200ms",
                "--duration", "300ms", "--json", "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"errors\":0").containsPattern("\"calls\":[1-9]");
        Run none = run("bench", "--addr", gobAddr, "--io-threads", "0", "Arith.Multiply", "{}");
        assertThat(none.status()).isEqualTo(2);
        assertThat(none.err()).contains("--io-threads must be at least 1");
    }

    @Test
    void benchAsyncKeepsTheCallsInFlightAndReportsJson() {
        Run r = run("bench", "--addr", gobAddr, "--async", "--concurrency", "8", "--warmup", "200ms",
                "--duration", "300ms", "--json", "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("\"errors\":0").containsPattern("\"calls\":[1-9]");
    }

    @Test
    void benchAtAFixedRateMakesAboutThatManyCallsAndRejectsRatesThatAreNot() {
        Run r = run("bench", "--addr", gobAddr, "--rate", "2000", "--concurrency", "16", "--warmup", "200ms",
                "--duration", "1s", "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out()).contains("at 2,000 calls/s offered (at most 16 outstanding)").contains("errors 0")
                .contains("calls started late by (the generator behind its schedule, or waiting for a free slot;"
                        + " counted in the latencies): p50 ");
        Matcher qps = Pattern.compile(": ([0-9,]+) calls/s").matcher(r.out());
        assertThat(qps.find()).as(r.out()).isTrue();
        assertThat(Integer.parseInt(qps.group(1).replace(",", ""))).as(r.out()).isBetween(1_600, 2_100);

        for (String rate : new String[] {"-5", "NaN", "Infinity"}) {
            Run bad = run("bench", "--addr", gobAddr, "--rate", rate, "Arith.Multiply", "{}");
            assertThat(bad.status()).as(rate).isEqualTo(2);
            assertThat(bad.err()).as(rate).contains("--rate must be a positive number of calls per second");
        }
        Run dial = run("bench", "--addr", gobAddr, "--mode", "dial", "--rate", "100", "Arith.Multiply", "{}");
        assertThat(dial.status()).isEqualTo(2);
        assertThat(dial.err()).contains("--rate needs --mode exclusive or multiplexed");
    }

    @Test
    void benchTakesEachWayOfWaitingAndRejectsOthersByName() {
        for (String wait : new String[] {"park", "adaptive", "spin"}) {
            Run r = run("bench", "--addr", gobAddr, "--sync-wait", wait, "--concurrency", "4", "--warmup", "100ms",
                    "--duration", "200ms", "--json", "Arith.Multiply", "{\"A\":7,\"B\":8}");
            assertThat(r.status()).as(wait + ": " + r.err()).isZero();
            assertThat(r.out()).as(wait).contains("\"errors\":0").containsPattern("\"calls\":[1-9]");
        }
        Run bad = run("bench", "--addr", gobAddr, "--sync-wait", "busy", "Arith.Multiply", "{}");
        assertThat(bad.status()).isNotZero();
        assertThat(bad.err()).contains("--sync-wait").contains("park, adaptive, spin");
    }

    @Test
    void benchVirtualThreadsNeedJava21AndBlockingCallers() {
        Run r = run("bench", "--addr", gobAddr, "--virtual-threads", "--concurrency", "4", "--warmup", "100ms",
                "--duration", "200ms", "--json", "Arith.Multiply", "{\"A\":7,\"B\":8}");
        if (CallerThreads.virtualAvailable()) {
            assertThat(r.status()).as(r.err()).isZero();
            assertThat(r.out()).contains("\"errors\":0").containsPattern("\"calls\":[1-9]");
        } else {
            assertThat(r.status()).isEqualTo(2);
            assertThat(r.err()).contains("--virtual-threads needs Java 21 or newer; this is Java "
                    + Runtime.version()).contains("Run the same jar with a newer java");
            assertThatThrownBy(() -> CallerThreads.virtual("x")).isInstanceOf(UnsupportedOperationException.class)
                    .hasMessageContaining("need Java 21");
        }
        for (String other : new String[] {"--async", "--rate=100"}) {
            Run both = run("bench", "--addr", gobAddr, "--virtual-threads", other, "Arith.Multiply", "{}");
            assertThat(both.status()).as(other).isEqualTo(2);
            assertThat(both.err()).as(other).contains("--virtual-threads runs blocking callers; "
                    + other.replace("=100", "") + " makes asynchronous calls").contains("Drop one of the two.");
        }
    }

    /** On a Java 21+ JVM of this machine, if there is one: the callers are virtual threads and every call is counted. */
    @Test
    void benchOnVirtualThreadsInANewerJvmMakesRightCallsAndCountsTheirCost() throws Exception {
        NewerJava.Outcome probe = NewerJava.runOrSkip(CallerThreads.VIRTUAL_THREADS_SINCE, CallerThreadsProbe.class, 60);
        assertThat(probe.output()).as("exit %d", probe.status()).contains("virtual=true daemon=true name=probe-caller-0");

        NewerJava.Outcome bench = NewerJava.runOrSkip(CallerThreads.VIRTUAL_THREADS_SINCE, Main.class, 120, "bench", "--addr", gobAddr,
                "--virtual-threads", "--concurrency", "64", "--warmup", "300ms", "--duration", "700ms", "--json",
                "Arith.Multiply", "{\"A\":7,\"B\":8}");
        assertThat(bench.status()).as(bench.output()).isZero();
        String json = bench.output().substring(bench.output().indexOf("{\"calls\""));
        JsonNode n = new ObjectMapper().readTree(json);
        assertThat(n.get("calls").asLong()).as(json).isPositive();
        assertThat(n.get("errors").asLong()).as(json).isZero();
        // a virtual thread's allocations are counted on its carrier thread, which outlives it
        assertThat(n.get("alloc_bytes_per_call").asLong()).as(json).isBetween(1L, 1_000_000L);
        assertThat(n.get("cpu_us_per_call").asDouble()).as(json).isBetween(0.1, 1_000.0);
    }

    @Test
    void everyCommandHasHelp() {
        for (String sub : new String[] {"demo", "serve", "call", "bench"}) {
            Run r = run(sub, "--help");
            assertThat(r.status()).isZero();
            assertThat(r.out()).contains("Usage: rpcpool " + sub);
        }
    }

    /** The command list of {@code rpcpool --help} shows each command's first description line alone. */
    @Test
    void everyCommandSummaryIsAWholeSentence() {
        Main.commandLine().getSubcommands().forEach((name, sub) -> {
            String[] description = sub.getCommandSpec().usageMessage().description();
            assertThat(description[0]).as(name).endsWith(".");
        });
        assertThat(run("--help").out().lines()).as("no summary cut mid-sentence").noneMatch(l -> l.endsWith(","));
    }
}
