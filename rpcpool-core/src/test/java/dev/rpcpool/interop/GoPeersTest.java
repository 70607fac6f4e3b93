package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Go peers themselves work: goclient passes every check against goserver, per codec; the
 * benchmark's Go client (gobench) makes correct calls in its lockstep mode (its own codec) and
 * through {@code rpc.Client}; the raw echo answers byte for byte; and the Go packages pass
 * {@code go vet} and their own {@code go test}.
 */
class GoPeersTest {

    @Test
    void goClientPassesAllChecksAgainstGoJsonServer() throws Exception {
        try (GoProcess server = GoProcess.startServer("-codec", "json");
                GoProcess client = GoProcess.startProgram("goclient", "-addr", server.hostPort(), "-codec", "json")) {
            assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
            assertThat(client.output()).contains("OK 9 checks");
        }
    }

    @Test
    void goClientPassesAllChecksAgainstGoGobHttpServer() throws Exception {
        try (GoProcess server = GoProcess.startServer("-codec", "gob", "-http");
                GoProcess client = GoProcess.startProgram("goclient", "-addr", server.hostPort(), "-http")) {
            assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
            assertThat(client.output()).contains("OK 9 checks");
        }
    }

    @ParameterizedTest
    @CsvSource({"gob,lockstep,Arith.Multiply", "json,lockstep,Arith.Multiply", "gob,lockstep,Echo.Bytes",
            "json,lockstep,Echo.Bytes", "gob,shared,Echo.Bytes"})
    void goBenchCallsTheGoServerWithoutErrors(String codec, String mode, String method) throws Exception {
        try (GoProcess server = GoProcess.startServer("-codec", codec);
                GoProcess bench = GoProcess.startProgram("gobench", "-addr", server.hostPort(), "-codec", codec,
                        "-mode", mode, "-method", method, "-payload", "1024", "-concurrency", "3",
                        "-warmup", "100ms", "-duration", "300ms")) {
            assertThat(bench.waitFor(Duration.ofSeconds(60))).as(bench.output()).isZero();
            // a wrong product or echo counts as an error, so errors 0 means every reply was checked and right
            assertThat(bench.output()).as(bench.output()).contains("\"errors\":0")
                    .containsPattern("\"calls\":[1-9]")
                    .contains(mode.equals("lockstep") ? "\"connections_opened\":3" : "\"connections_opened\":1")
                    // what a call cost the client process, as rpcpool bench reports it (getrusage on Linux)
                    .containsPattern("\"cpu_us_per_call\":[0-9.]*[1-9]").contains("\"context_switches_per_call\":");
        }
    }

    @Test
    void goBenchAtAFixedRateReportsHowLateItStartedCalls() throws Exception {
        try (GoProcess server = GoProcess.startServer("-codec", "gob");
                GoProcess bench = GoProcess.startProgram("gobench", "-addr", server.hostPort(), "-mode", "shared",
                        "-rate", "500", "-concurrency", "4", "-warmup", "100ms", "-duration", "500ms")) {
            assertThat(bench.waitFor(Duration.ofSeconds(60))).as(bench.output()).isZero();
            // the keys rpcpool bench --rate prints, so the two generators' own delays compare like for like
            assertThat(bench.output()).as(bench.output()).contains("\"errors\":0").containsPattern("\"calls\":[1-9]")
                    .containsPattern("\"start_lag_p50_us\":[0-9]").containsPattern("\"start_lag_p99_us\":[0-9]")
                    .containsPattern("\"start_lag_max_us\":[0-9]");
        }
    }

    @Test
    void goServerTimesItsCallsWhenAskedAndStillAnswersThemRight() throws Exception {
        try (GoProcess server = GoProcess.startServer("-codec", "gob", "-span-report", "100ms");
                GoProcess bench = GoProcess.startProgram("gobench", "-addr", server.hostPort(), "-mode", "shared",
                        "-concurrency", "4", "-warmup", "100ms", "-duration", "500ms")) {
            assertThat(bench.waitFor(Duration.ofSeconds(60))).as(bench.output()).isZero();
            // its own gob codec frames replies as net/rpc's does: Go's client checks every product
            assertThat(bench.output()).as(bench.output()).contains("\"errors\":0").containsPattern("\"calls\":[1-9]");
            Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(server.output())
                    .containsPattern("SPANS \\S+ calls=[1-9][0-9]* p50_us=[0-9]+ p90_us=[0-9]+ p99_us=[0-9]+"));
        }
    }

    @Test
    void goServerRefusesToTimeCallsItCannotTime() throws Exception {
        try (GoProcess server = GoProcess.startProgram("goserver", "-addr", "127.0.0.1:0", "-codec", "json",
                "-span-report", "1s")) {
            assertThat(server.waitFor(Duration.ofSeconds(60))).isNotZero();
            assertThat(server.output()).contains("-span-report works with -codec gob and without -http only");
        }
    }

    @Test
    void rawEchoRoundTripsWithoutErrors() throws Exception {
        try (GoProcess server = GoProcess.startListening("rawecho", "-serve", "-addr", "127.0.0.1:0");
                GoProcess client = GoProcess.startProgram("rawecho", "-addr", server.hostPort(), "-connections", "2",
                        "-concurrency", "2", "-payload", "1024", "-warmup", "100ms", "-duration", "300ms")) {
            assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
            assertThat(client.output()).as(client.output()).contains("\"errors\":0")
                    .containsPattern("\"calls\":[1-9]").containsPattern("\"p99_us\":[1-9]")
                    .containsPattern("\"cpu_us_per_call\":[0-9.]*[1-9]");
        }
    }

    @Test
    void goPackagesPassVetAndTheirOwnTests() {
        GoPrograms.run(Duration.ofMinutes(5), "vet", "./...");
        assertThat(GoPrograms.run(Duration.ofMinutes(5), "test", "./...")).contains("ok  \trpcpool.dev/interop/latency")
                .contains("ok  \trpcpool.dev/interop/cost");
    }
}
