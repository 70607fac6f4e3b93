package dev.rpcpool;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.testing.TestCertificates;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * Not a test: a quick measurement for docs/tls.md. Plaintext vs TLS on loopback, one JVM: (1) the
 * cost of opening a connection (TCP + TLS handshake), dialled one after another; (2) calls/s of a
 * pooled multiplexed client, 16 caller threads, small calls and 16 KiB payloads.
 *
 * <p>Run from {@code rpcpool-core} after {@code mvn test-compile}:
 * {@code java -cp target/classes:target/test-classes:$(cat cp.txt) dev.rpcpool.TlsThroughput 4}
 */
public final class TlsThroughput {
    private static final int THREADS = 16;

    public static void main(String[] a) throws Exception {
        int seconds = a.length > 0 ? Integer.parseInt(a[0]) : 4;
        Path pem = TestCertificates.generate("bench").writePem(Files.createTempDirectory("tls-bench"));
        TlsOptions serverTls = TlsOptions.builder().keyCertChain(pem.resolve("server.pem"), pem.resolve("server.key")).build();
        TlsOptions clientTls = TlsOptions.builder().trustCertificates(pem.resolve("ca.pem")).build();
        try (EventLoopResources loops = EventLoopResources.create(2)) {
            RpcServer plain = serve(loops, null);
            RpcServer tls = serve(loops, serverTls);
            try {
                for (int round = 0; round < 2; round++) { // round 0 warms up
                    boolean report = round == 1;
                    connects(loops, plain.address(), null, 300, report ? "plaintext" : null);
                    connects(loops, tls.address(), clientTls, 300, report ? "TLS" : null);
                    int s = report ? seconds : 1;
                    calls(loops, plain.address(), null, 0, s, report ? "plaintext" : null);
                    calls(loops, tls.address(), clientTls, 0, s, report ? "TLS" : null);
                    calls(loops, plain.address(), null, 16 * 1024, s, report ? "plaintext" : null);
                    calls(loops, tls.address(), clientTls, 16 * 1024, s, report ? "TLS" : null);
                }
            } finally {
                plain.shutdown(Duration.ofSeconds(1));
                tls.shutdown(Duration.ofSeconds(1));
            }
        }
    }

    private static RpcServer serve(EventLoopResources loops, TlsOptions tls) {
        RpcServer s = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(GobCodec.create()).tls(tls).build()));
        s.start(new InetSocketAddress("127.0.0.1", 0));
        return s;
    }

    /** Opens and closes {@code n} connections one after another, each proven by one call. */
    private static void connects(EventLoopResources loops, InetSocketAddress to, TlsOptions tls, int n, String label) {
        RpcConnector connector = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).tls(tls).build());
        long[] micros = new long[n];
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            try (RpcClient c = connector.connect(to)) {
                c.call("Arith.Multiply", new Args(i, 2), Integer.class, Duration.ofSeconds(10));
            }
            micros[i] = (System.nanoTime() - start) / 1000;
        }
        java.util.Arrays.sort(micros);
        if (label != null) {
            System.out.printf("connect + 1 call, %-9s: median %,6d us, p90 %,6d us per connection%n", label,
                    micros[n / 2], micros[n * 9 / 10]);
        }
    }

    /** {@link #THREADS} threads calling through one pool for {@code seconds}. */
    private static void calls(EventLoopResources loops, InetSocketAddress to, TlsOptions tls, int payload, int seconds,
            String label) throws InterruptedException {
        byte[] bytes = new byte[payload];
        try (RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + to.getPort()).eventLoops(loops).tls(tls)
                .maxConnections(4).build()) {
            LongAdder done = new LongAdder();
            long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            List<Thread> threads = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                Thread th = new Thread(() -> {
                    while (System.nanoTime() < end) {
                        if (payload == 0) {
                            pool.call("Arith.Multiply", new Args(3, 4), Integer.class);
                        } else {
                            pool.call("Echo.Bytes", bytes, byte[].class);
                        }
                        done.increment();
                    }
                });
                th.start();
                threads.add(th);
            }
            for (Thread th : threads) {
                th.join();
            }
            if (label != null) {
                System.out.printf("pool, %2d threads, %-14s %-9s: %,9.0f calls/s%n", THREADS,
                        payload == 0 ? "Arith.Multiply" : "Echo 16 KiB", label, done.sum() / (double) seconds);
            }
        }
    }
}
