package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.ConnectFailedException;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.testing.TestCertificates;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * rpcpool's TLS against Go's own {@code crypto/tls}, both directions: rpcpool clients (a single
 * {@code RpcClient} and an {@code RpcClientPool}) calling {@code goserver} over TLS, and Go's
 * {@code rpc.Client} over {@code tls.Dial} ({@code goclient -tls-ca}) calling rpcpool's server;
 * gob, jsonrpc and HTTP CONNECT inside TLS; mutual TLS, and the errors a user sees when a
 * certificate is missing or not trusted. Certificates are made for this run and given to both
 * sides as the PEM files the CLI takes.
 */
class GoTlsInteropIT {
    private static final Duration T = Duration.ofSeconds(20);

    @TempDir
    static Path dir;
    static Path pem;
    static Path otherPem;
    static EventLoopResources loops;

    @BeforeAll
    static void setUp() {
        pem = TestCertificates.generate("go-interop").writePem(dir.resolve("main"));
        otherPem = TestCertificates.generate("go-interop-other").writePem(dir.resolve("other"));
        loops = EventLoopResources.create(2);
    }

    @AfterAll
    static void tearDown() {
        loops.close();
    }

    private static Codec codec(String name) {
        return name.equals("json") ? new JsonRpcCodec() : GobCodec.create();
    }

    /** goserver flags serving {@code certs}' server certificate, plus {@code more}. */
    private static GoProcess goTlsServer(Path certs, String... more) {
        List<String> flags = new ArrayList<>(List.of("-tls-cert", certs.resolve("server.pem").toString(),
                "-tls-key", certs.resolve("server.key").toString()));
        flags.addAll(List.of(more));
        return GoProcess.startServer(flags.toArray(String[]::new));
    }

    private static TlsOptions trusting(Path certs) {
        return TlsOptions.builder().trustCertificates(certs.resolve("ca.pem")).build();
    }

    private static TlsOptions trustingWithClientCertificate(Path ca, Path client) {
        return TlsOptions.builder().trustCertificates(ca.resolve("ca.pem"))
                .keyCertChain(client.resolve("client.pem"), client.resolve("client.key")).build();
    }

    private static RpcClient connect(GoProcess server, RpcClientOptions.Builder options) {
        return new RpcConnector(loops, options.connectTimeout(T).build()).connect(server.address());
    }

    @ParameterizedTest(name = "codec={0}, http={1}")
    @CsvSource({"gob, false", "json, false", "gob, true"})
    void javaClientCallsAGoServerOverGoTls(String codecName, boolean http) {
        String[] flags = http ? new String[] {"-codec", codecName, "-http"} : new String[] {"-codec", codecName};
        RpcClientOptions.Builder options = RpcClientOptions.builder(codec(codecName)).tls(trusting(pem));
        if (http) {
            options.http();
        }
        try (GoProcess go = goTlsServer(pem, flags); RpcClient c = connect(go, options)) {
            DemoServiceChecks.everyMethodAnswersLikeGo(c, codecName.equals("gob"));
            DemoServiceChecks.serverErrorsCarryGoTextsAndKeepTheConnection(c);
            // many calls in flight share the TLS stream; a big one spans many TLS records each way
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(c.callAsync("Arith.Multiply", new Args(i, 3), Integer.class, T));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).join()).isEqualTo(3 * i);
            }
            String big = "é".repeat(100_000);
            assertThat(c.call("Echo.Echo", big, String.class, T)).isEqualTo(big);
            assertThat(c.isActive()).isTrue();
        }
    }

    @Test
    void poolWithAClientCertificateCallsAGoServerThatRequiresOne() {
        try (GoProcess go = goTlsServer(pem, "-tls-client-ca", pem.resolve("ca.pem").toString());
                RpcClientPool pool = RpcClientPool.builder(go.hostPort())
                        .tls(trustingWithClientCertificate(pem, pem)).eventLoops(loops)
                        .maxConnections(4).maxInFlightPerConnection(8).callTimeout(T).build()) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 32; i++) {
                calls.add(pool.callAsync("Arith.Multiply", new Args(i, 5), Integer.class));
            }
            for (int i = 0; i < calls.size(); i++) {
                assertThat(calls.get(i).join()).isEqualTo(5 * i);
            }
            assertThat(pool.call("Echo.Echo", "mutual", String.class)).isEqualTo("mutual");
            assertThat(pool.stats().created()).isBetween(1L, 4L);
        }
    }

    @Test
    void aGoServerThatRequiresAClientCertificateRejectsAClientWithoutOneSayingHowToFixIt() {
        try (GoProcess go = goTlsServer(pem, "-tls-client-ca", pem.resolve("ca.pem").toString())) {
            // TLS 1.3: the client's side of the handshake may finish before Go's server checks it,
            // so the refusal can come with the first call instead of the connect; either way it says why
            assertThatThrownBy(() -> {
                try (RpcClient c = connect(go, RpcClientOptions.builder(GobCodec.create()).tls(trusting(pem)))) {
                    c.call("Arith.Multiply", new Args(2, 21), Integer.class, T);
                }
            }).hasMessageContaining("requires a client certificate").hasMessageContaining("--cert");
        }
    }

    @Test
    void aGoServerRejectsAClientCertificateFromAnotherCa() {
        try (GoProcess go = goTlsServer(pem, "-tls-client-ca", pem.resolve("ca.pem").toString())) {
            assertThatThrownBy(() -> {
                try (RpcClient c = connect(go, RpcClientOptions.builder(GobCodec.create())
                        .tls(trustingWithClientCertificate(pem, otherPem)))) {
                    c.call("Arith.Multiply", new Args(2, 21), Integer.class, T);
                }
            }).hasMessageContaining("rejected this client's certificate");
        }
    }

    @Test
    void aGoServerWithACertificateFromAnUntrustedCaFailsTheConnectNamingTheCertificate() {
        try (GoProcess go = goTlsServer(otherPem)) {
            assertThatThrownBy(() -> connect(go, RpcClientOptions.builder(GobCodec.create()).tls(trusting(pem))))
                    .isInstanceOf(ConnectFailedException.class)
                    .hasMessageContaining("issued by 'CN=rpcpool test CA go-interop-other' is not trusted")
                    .hasMessageContaining("--ca");
        }
    }

    @ParameterizedTest(name = "codec={0}, http={1}")
    @CsvSource({"gob, false", "json, false", "gob, true"})
    void goClientOverGoTlsPassesEveryCheckAgainstTheJavaServer(String codecName, boolean http) throws Exception {
        RpcServerOptions.Builder options = RpcServerOptions.builder(codec(codecName)).tls(TlsOptions.builder()
                .keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key")).build());
        if (http) {
            options.http();
        }
        List<String> args = new ArrayList<>(List.of("-codec", codecName, "-tls-ca", pem.resolve("ca.pem").toString()));
        if (http) {
            args.add("-http");
        }
        assertGoClientPasses(options, args);
    }

    @Test
    void goClientPresentsItsCertificateToAJavaServerThatRequiresOne() throws Exception {
        RpcServerOptions.Builder options = RpcServerOptions.builder(GobCodec.create()).tls(mutualServerTls());
        assertGoClientPasses(options, List.of("-tls-ca", pem.resolve("ca.pem").toString(),
                "-tls-cert", pem.resolve("client.pem").toString(), "-tls-key", pem.resolve("client.key").toString()));
    }

    @ParameterizedTest(name = "client certificate from another CA: {0}")
    @ValueSource(booleans = {false, true})
    void aJavaServerThatRequiresAClientCertificateRefusesAGoClientWithoutATrustedOne(boolean otherCa) throws Exception {
        try (RpcServer server = DemoServices.registerAll(new RpcServer(loops,
                RpcServerOptions.builder(GobCodec.create()).tls(mutualServerTls()).build()))) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            List<String> args = new ArrayList<>(List.of("-addr", "127.0.0.1:" + addr.getPort(),
                    "-tls-ca", pem.resolve("ca.pem").toString()));
            if (otherCa) {
                args.addAll(List.of("-tls-cert", otherPem.resolve("client.pem").toString(),
                        "-tls-key", otherPem.resolve("client.key").toString()));
            }
            try (GoProcess client = GoProcess.startProgram("goclient", args.toArray(String[]::new))) {
                assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isEqualTo(1);
                Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                        assertThat(client.output()).contains("FAIL").contains("tls: ").doesNotContain("OK "));
            }
        }
    }

    private static TlsOptions mutualServerTls() {
        return TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key"))
                .trustCertificates(pem.resolve("ca.pem")).requireClientCertificates().build();
    }

    private static void assertGoClientPasses(RpcServerOptions.Builder options, List<String> tlsArgs) throws Exception {
        try (RpcServer server = DemoServices.registerAll(new RpcServer(loops, options.build()))) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            List<String> args = new ArrayList<>(List.of("-addr", "127.0.0.1:" + addr.getPort()));
            args.addAll(tlsArgs);
            try (GoProcess client = GoProcess.startProgram("goclient", args.toArray(String[]::new))) {
                assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
                // the output pump may not have read the last line when the process exit is seen
                Awaitility.await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(client.output()).contains("OK 9 checks"));
            }
        }
    }
}
