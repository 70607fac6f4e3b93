package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcpool.cli.CliTest.Run;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.testing.TestCertificates;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --tls --ca --cert --key} against servers set up exactly as {@code serve} sets them up from
 * the same flags ({@link TlsFlags#server}).
 */
class CliTlsTest {
    private static final String ARGS = "{\"A\":7,\"B\":8}";

    @TempDir
    static Path dir;
    static String ca;
    static String cert;
    static String key;
    static EventLoopResources loops;
    static RpcServer tlsServer;
    static RpcServer mutualServer;
    static String tlsAddr;
    static String mutualAddr;

    @BeforeAll
    static void start() {
        Path pem = TestCertificates.generate("cli").writePem(dir);
        ca = pem.resolve("ca.pem").toString();
        cert = pem.resolve("client.pem").toString();
        key = pem.resolve("client.key").toString();
        loops = EventLoopResources.create(2);
        tlsServer = serve(TlsFlags.server(true, null, pem.resolve("server.pem"), pem.resolve("server.key")));
        mutualServer = serve(TlsFlags.server(false, pem.resolve("ca.pem"), pem.resolve("server.pem"), pem.resolve("server.key")));
        tlsAddr = "127.0.0.1:" + tlsServer.address().getPort();
        mutualAddr = "127.0.0.1:" + mutualServer.address().getPort();
    }

    private static RpcServer serve(TlsOptions tls) {
        RpcServer s = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(GobCodec.create()).tls(tls).build()));
        s.start(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    @AfterAll
    static void stop() {
        tlsServer.shutdown(Duration.ofSeconds(1));
        mutualServer.shutdown(Duration.ofSeconds(1));
        loops.close();
    }

    private static Run run(String... args) {
        return CliTest.run(args);
    }

    @Test
    void callWithTlsAndCaReachesATlsServer() {
        Run r = run("call", "--addr", tlsAddr, "--tls", "--ca", ca, "Arith.Multiply", ARGS);
        assertThat(r.status()).as(r.err()).isZero();
        assertThat(r.out().trim()).isEqualTo("56");
        Run byName = run("call", "--addr", "localhost:" + tlsServer.address().getPort(), "--ca", ca, "Arith.Multiply", ARGS);
        assertThat(byName.status()).as(byName.err()).isZero();
    }

    @Test
    void callWithoutTlsToATlsServerSaysToUseTls() {
        Run r = run("call", "--addr", tlsAddr, "Arith.Multiply", ARGS);
        assertThat(r.status()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("requires TLS").contains("--tls");
    }

    @Test
    void callWithTheJdkTrustStoreRejectsATestCertificate() {
        Run r = run("call", "--addr", tlsAddr, "--tls", "Arith.Multiply", ARGS);
        assertThat(r.status()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(r.err()).contains("is not trusted").contains("--ca");
    }

    @Test
    void aMissingCaFileIsAUsageError() {
        Run r = run("call", "--addr", tlsAddr, "--ca", dir.resolve("missing.pem").toString(), "Arith.Multiply", ARGS);
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("cannot read CA file " + dir.resolve("missing.pem") + ": no such file");
    }

    @Test
    void mutualTlsNeedsTheClientCertificate() {
        Run ok = run("call", "--addr", mutualAddr, "--ca", ca, "--cert", cert, "--key", key, "Arith.Multiply", ARGS);
        assertThat(ok.status()).as(ok.err()).isZero();
        assertThat(ok.out().trim()).isEqualTo("56");
        Run without = run("call", "--addr", mutualAddr, "--ca", ca, "Arith.Multiply", ARGS);
        assertThat(without.status()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(without.err()).contains("requires a client certificate").contains("--cert");
        Run half = run("call", "--addr", mutualAddr, "--ca", ca, "--cert", cert, "Arith.Multiply", ARGS);
        assertThat(half.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(half.err()).contains("--cert needs its private key (--key FILE)");
    }

    @Test
    void benchRunsOverTls() throws Exception {
        Run r = run("bench", "--addr", tlsAddr, "--tls", "--ca", ca, "--concurrency", "2",
                "--duration", "300ms", "--warmup", "100ms", "--json", "Arith.Multiply", ARGS);
        assertThat(r.status()).as(r.err()).isZero();
        JsonNode n = new ObjectMapper().readTree(r.out());
        assertThat(n.get("calls").asLong()).isPositive();
        assertThat(n.get("errors").asLong()).isZero();
    }

    @Test
    void serveRefusesTlsWithoutCertificateAndKey() {
        Run r = run("serve", "--addr", "127.0.0.1:0", "--tls");
        assertThat(r.status()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).contains("serve --tls needs --cert FILE and --key FILE");
    }

    @Test
    void helpDescribesTheTlsFlags() {
        assertThat(run("call", "--help").out()).contains("--tls").contains("--ca=FILE").contains("--cert=FILE").contains("--key=FILE");
        assertThat(run("serve", "--help").out()).contains("--tls").contains("mutual TLS");
    }
}
