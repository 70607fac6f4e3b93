package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The Go peers themselves work: goclient passes every check against goserver, per codec. */
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
}
