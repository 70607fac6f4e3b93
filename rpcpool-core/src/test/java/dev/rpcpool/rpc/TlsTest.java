package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.testing.TestCertificates;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** RpcClient and RpcServer over TLS on loopback, with certificates made for this run. */
class TlsTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    /** Well under {@link #TIMEOUT}: a failure this fast was detected, not timed out. */
    private static final long FAST_MS = 4_000;

    @TempDir
    static Path dir;
    static Path pem;
    static Path otherPem;
    static Path wrongNamePem;
    static EventLoopResources loops;

    private final List<AutoCloseable> open = new ArrayList<>();

    @BeforeAll
    static void certificates() {
        pem = TestCertificates.generate("main").writePem(dir.resolve("main"));
        otherPem = TestCertificates.generate("other").writePem(dir.resolve("other"));
        wrongNamePem = TestCertificates.generate("wrong-name", "rpc.example.com").writePem(dir.resolve("wrong-name"));
        loops = EventLoopResources.create(2);
    }

    @AfterAll
    static void stopLoops() {
        loops.close();
    }

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    static Stream<Codec> codecs() {
        return Stream.of(GobCodec.create(), new JsonRpcCodec());
    }

    static TlsOptions serverTls(Path certs) {
        return TlsOptions.builder().keyCertChain(certs.resolve("server.pem"), certs.resolve("server.key")).build();
    }

    static TlsOptions mutualServerTls(Path certs) {
        return TlsOptions.builder().keyCertChain(certs.resolve("server.pem"), certs.resolve("server.key"))
                .trustCertificates(certs.resolve("ca.pem")).requireClientCertificates().build();
    }

    static TlsOptions clientTls(Path ca) {
        return TlsOptions.builder().trustCertificates(ca.resolve("ca.pem")).build();
    }

    private InetSocketAddress server(Codec codec, Function<RpcServerOptions.Builder, RpcServerOptions.Builder> options) {
        RpcServer s = DemoServices.registerAll(new RpcServer(loops, options.apply(RpcServerOptions.builder(codec)).build()));
        open.add(() -> s.shutdown(Duration.ofSeconds(1)));
        return s.start(new InetSocketAddress("127.0.0.1", 0));
    }

    private RpcClient connect(InetSocketAddress to, RpcClientOptions.Builder options) {
        RpcClient c = new RpcConnector(loops, options.connectTimeout(TIMEOUT).build()).connect(to);
        open.add(c);
        return c;
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void callsWorkOverTlsWithBothCodecs(Codec codec) {
        InetSocketAddress addr = server(codec, b -> b.tls(serverTls(pem)));
        RpcClient client = connect(addr, RpcClientOptions.builder(codec).tls(clientTls(pem)));
        assertThat(client.call("Arith.Multiply", new Args(7, 8), Integer.class, TIMEOUT)).isEqualTo(56);
        assertThat(client.call("Arith.Divide", new Args(17, 5), Quotient.class, TIMEOUT)).isEqualTo(new Quotient(3, 2));
        // many calls in flight share the TLS connection; a big one spans several TLS records
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(client.callAsync("Arith.Multiply", new Args(i, 3), Integer.class, TIMEOUT));
        }
        for (int i = 0; i < calls.size(); i++) {
            assertThat(calls.get(i).join()).isEqualTo(3 * i);
        }
        String big = "x".repeat(100_000);
        assertThat(client.call("Echo.Echo", big, String.class, TIMEOUT)).isEqualTo(big);
        assertThatThrownBy(() -> client.call("Arith.Divide", new Args(1, 0), Quotient.class, TIMEOUT))
                .isInstanceOf(ServerErrorException.class).hasMessageContaining("divide by zero");
        assertThat(client.isActive()).isTrue();
    }

    @Test
    void hostNamesAreVerifiedAndSentAsSni() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(pem)));
        RpcClient client = connect(new InetSocketAddress("localhost", addr.getPort()),
                RpcClientOptions.builder(GobCodec.create()).tls(clientTls(pem)));
        assertThat(client.call("Echo.Echo", "by name", String.class, TIMEOUT)).isEqualTo("by name");
    }

    @Test
    void httpConnectModeRunsInsideTls() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(pem)).http());
        RpcClient client = connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(clientTls(pem)).http());
        assertThat(client.call("Arith.Multiply", new Args(6, 7), Integer.class, TIMEOUT)).isEqualTo(42);
    }

    @Test
    void mutualTlsAcceptsAClientCertificateFromTheTrustedCa() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(mutualServerTls(pem)));
        TlsOptions tls = TlsOptions.builder().trustCertificates(pem.resolve("ca.pem"))
                .keyCertChain(pem.resolve("client.pem"), pem.resolve("client.key")).build();
        RpcClient client = connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(tls));
        assertThat(client.call("Arith.Multiply", new Args(2, 21), Integer.class, TIMEOUT)).isEqualTo(42);
    }

    @Test
    void mutualTlsRejectsAClientWithoutCertificate() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(mutualServerTls(pem)));
        long start = System.nanoTime();
        // TLS 1.3: the client's handshake is done before the server checks it, so the rejection may
        // arrive with the first call instead of failing the connect; either way it says why
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(clientTls(pem)))
                        .call("Arith.Multiply", new Args(2, 21), Integer.class, TIMEOUT))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("requires a client certificate")
                .hasMessageContaining("--cert");
        assertThat(millisSince(start)).isLessThan(FAST_MS);
    }

    @Test
    void mutualTlsRejectsAClientCertificateFromAnotherCa() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(mutualServerTls(pem)));
        TlsOptions tls = TlsOptions.builder().trustCertificates(pem.resolve("ca.pem"))
                .keyCertChain(otherPem.resolve("client.pem"), otherPem.resolve("client.key")).build();
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(tls))
                        .call("Arith.Multiply", new Args(2, 21), Integer.class, TIMEOUT))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("rejected this client's certificate");
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aPlaintextClientOfATlsServerFailsFastSayingToUseTls(Codec codec) {
        InetSocketAddress addr = server(codec, b -> b.tls(serverTls(pem)));
        RpcClient client = connect(addr, RpcClientOptions.builder(codec));
        long start = System.nanoTime();
        assertThatThrownBy(() -> client.call("Arith.Multiply", new Args(7, 8), Integer.class, TIMEOUT))
                .isInstanceOf(TransportException.class)
                .hasMessageContaining("requires TLS")
                .hasMessageContaining("--tls");
        assertThat(millisSince(start)).isLessThan(FAST_MS);
    }

    @Test
    void aPlaintextHttpConnectClientOfATlsServerFailsToConnectSayingToUseTls() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(pem)).http());
        long start = System.nanoTime();
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(GobCodec.create()).http()))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("requires TLS");
        assertThat(millisSince(start)).isLessThan(FAST_MS);
    }

    @ParameterizedTest
    @MethodSource("codecs")
    void aTlsClientOfAPlaintextServerFailsToConnectClearly(Codec codec) {
        InetSocketAddress addr = server(codec, b -> b);
        long start = System.nanoTime();
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(codec).tls(clientTls(pem))))
                .isInstanceOf(ConnectFailedException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("TLS handshake failed")
                .hasMessageContaining("may not speak TLS");
        assertThat(millisSince(start)).isLessThan(FAST_MS);
    }

    @Test
    void anUntrustedServerCertificateFailsNamingTheCertificateAndTheFix() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(otherPem)));
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(clientTls(pem))))
                .isInstanceOf(ConnectFailedException.class)
                .hasCauseInstanceOf(SSLHandshakeException.class)
                .hasMessageContaining("server certificate 'CN=localhost' issued by 'CN=rpcpool test CA other' is not trusted")
                .hasMessageContaining("--ca");
    }

    @Test
    void theJdkDefaultTrustStoreDoesNotTrustATestCa() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(pem)));
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(TlsOptions.defaults())))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("is not trusted");
    }

    @Test
    void aCertificateForAnotherHostFailsHostnameVerification() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(wrongNamePem)));
        assertThatThrownBy(() -> connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(clientTls(wrongNamePem))))
                .isInstanceOf(ConnectFailedException.class)
                .hasMessageContaining("(names: rpc.example.com) does not match '127.0.0.1'");
    }

    @Test
    void hostnameVerificationCanBeTurnedOffExplicitly() {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(serverTls(wrongNamePem)));
        TlsOptions unsafe = TlsOptions.builder().trustCertificates(wrongNamePem.resolve("ca.pem"))
                .unsafeDisableHostnameVerification().build();
        RpcClient client = connect(addr, RpcClientOptions.builder(GobCodec.create()).tls(unsafe));
        assertThat(client.call("Echo.Echo", "ok", String.class, TIMEOUT)).isEqualTo("ok");
    }

    @Test
    void aServerThatNeverAnswersTheHandshakeFailsWithinTheConnectTimeout() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            InetSocketAddress addr = new InetSocketAddress("127.0.0.1", silent.getLocalPort());
            RpcConnector connector = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create())
                    .tls(clientTls(pem)).connectTimeout(Duration.ofMillis(300)).build());
            long start = System.nanoTime();
            assertThatThrownBy(() -> connector.connect(addr))
                    .isInstanceOf(ConnectFailedException.class)
                    .hasMessageContaining("TLS handshake");
            assertThat(millisSince(start)).isBetween(250L, FAST_MS);
        }
    }

    @Test
    void aTlsServerDropsAClientThatNeverCompletesTheHandshake() throws Exception {
        InetSocketAddress addr = server(GobCodec.create(), b -> b.tls(TlsOptions.builder()
                .keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key"))
                .handshakeTimeout(Duration.ofMillis(200)).build()));
        try (Socket s = new Socket(addr.getAddress(), addr.getPort())) {
            s.setSoTimeout((int) FAST_MS);
            long start = System.nanoTime();
            InputStream in = s.getInputStream();
            s.getOutputStream().write(22); // a TLS record starts, and stalls
            s.getOutputStream().flush();
            while (in.read() >= 0) {
                // the server may send an alert before closing
            }
            assertThat(millisSince(start)).isBetween(150L, FAST_MS);
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000;
    }
}
