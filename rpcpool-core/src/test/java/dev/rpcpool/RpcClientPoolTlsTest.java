package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** RpcClientPool over TLS, and what a pool user sees when TLS is configured on one side only. */
class RpcClientPoolTlsTest {
    @TempDir
    static Path dir;
    static Path pem;
    static EventLoopResources loops;
    static RpcServer gob;
    static RpcServer json;
    static RpcServer mutual;

    @BeforeAll
    static void start() {
        pem = TestCertificates.generate("pool").writePem(dir);
        loops = EventLoopResources.create(2);
        TlsOptions serverTls = TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key")).build();
        gob = serve(GobCodec.create(), serverTls);
        json = serve(new JsonRpcCodec(), serverTls);
        mutual = serve(GobCodec.create(), TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key"))
                .trustCertificates(pem.resolve("ca.pem")).requireClientCertificates().build());
    }

    private static RpcServer serve(Codec codec, TlsOptions tls) {
        RpcServer s = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(codec).tls(tls).build()));
        s.start(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    @AfterAll
    static void stop() {
        for (RpcServer s : List.of(gob, json, mutual)) {
            s.shutdown(Duration.ofSeconds(1));
        }
        loops.close();
    }

    private static String addr(RpcServer s) {
        return "127.0.0.1:" + s.address().getPort();
    }

    private static TlsOptions trustingCa() {
        return TlsOptions.builder().trustCertificates(pem.resolve("ca.pem")).build();
    }

    @Test
    void aPoolCallsOverTlsWithManyCallersAndBothCodecs() {
        for (RpcServer server : List.of(gob, json)) {
            Codec codec = server == gob ? GobCodec.create() : new JsonRpcCodec();
            try (RpcClientPool pool = RpcClientPool.builder(addr(server)).codec(codec).tls(trustingCa())
                    .eventLoops(loops).maxConnections(4).maxInFlightPerConnection(8).build()) {
                List<CompletableFuture<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 500; i++) {
                    calls.add(pool.callAsync("Arith.Multiply", new Args(i, 2), Integer.class));
                }
                for (int i = 0; i < calls.size(); i++) {
                    assertThat(calls.get(i).join()).isEqualTo(2 * i);
                }
                assertThat(pool.stats().open()).isBetween(1, 4);
            }
        }
    }

    @Test
    void aPoolPresentsItsClientCertificateForMutualTls() {
        TlsOptions tls = TlsOptions.builder().trustCertificates(pem.resolve("ca.pem"))
                .keyCertChain(pem.resolve("client.pem"), pem.resolve("client.key")).build();
        try (RpcClientPool pool = RpcClientPool.builder(addr(mutual)).tls(tls).eventLoops(loops).build()) {
            assertThat(pool.call("Arith.Multiply", new Args(6, 7), Integer.class)).isEqualTo(42);
        }
    }

    @Test
    void aPlaintextPoolAgainstATlsServerFailsFastSayingToUseTls() {
        try (RpcClientPool pool = RpcClientPool.builder(addr(gob)).eventLoops(loops)
                .callTimeout(Duration.ofSeconds(10)).build()) {
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.call("Arith.Multiply", new Args(6, 7), Integer.class))
                    .isInstanceOf(RpcPoolException.class)
                    .hasMessageContaining("requires TLS");
            assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(4_000);
        }
    }

    @Test
    void aPoolWithUntrustedServerCertificateFailsNamingIt() {
        Path otherCa = TestCertificates.generate("stranger").writePem(dir.resolve("stranger")).resolve("ca.pem");
        try (RpcClientPool pool = RpcClientPool.builder(addr(gob)).eventLoops(loops)
                .tls(TlsOptions.builder().trustCertificates(otherCa).build()).build()) {
            assertThatThrownBy(() -> pool.call("Arith.Multiply", new Args(6, 7), Integer.class))
                    .isInstanceOf(RpcPoolException.class)
                    .hasMessageContaining("is not trusted");
        }
    }
}
