package dev.rpcpool.interop;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.transport.EventLoopResources;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Not a test: calls/s of one {@link RpcClient} against the Go jsonrpc server ({@code goserver -codec json})
 * with 1 call in flight (synchronous loop) and with 16 in flight (asynchronous window, and 16 threads
 * calling synchronously, like {@code goclient -bench}'s 16 goroutines). Run from
 * {@code rpcpool-core} after {@code mvn test-compile}:
 * <pre>java -cp target/classes:target/test-classes:$(cat cp.txt) dev.rpcpool.interop.JsonRpcThroughput [seconds]</pre>
 */
public final class JsonRpcThroughput {
    private static final Duration T = Duration.ofSeconds(10);

    public static void main(String[] argv) throws Exception {
        int seconds = argv.length > 0 ? Integer.parseInt(argv[0]) : 5;
        try (GoProcess go = GoProcess.startServer("-codec", "json");
                EventLoopResources loops = EventLoopResources.create(2)) {
            RpcConnector connector = new RpcConnector(loops, RpcClientOptions.builder(new JsonRpcCodec()).build());
            try (RpcClient c = connector.connect(go.address())) {
                System.out.printf("transport: %s, server: Go %s%n", loops, go.hostPort());
                for (int round = 0; round < 2; round++) { // first round warms up the JIT
                    String tag = round == 0 ? "warm-up " : "";
                    System.out.printf("%s1 in flight (sync):   %,.0f calls/s%n", tag, sync(c, seconds));
                    System.out.printf("%s16 in flight (async): %,.0f calls/s%n", tag, async(c, 16, seconds));
                    System.out.printf("%s16 in flight (16 threads, sync): %,.0f calls/s%n", tag, threads(c, 16, seconds));
                }
            }
        }
    }

    private static double sync(RpcClient c, int seconds) {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        long start = System.nanoTime();
        long n = 0;
        while (System.nanoTime() < end) {
            c.call("Arith.Multiply", new Args(7, 8), Integer.class, T);
            n++;
        }
        return n / ((System.nanoTime() - start) / 1e9);
    }

    private static double threads(RpcClient c, int n, int seconds) throws InterruptedException {
        long start = System.nanoTime();
        AtomicLong total = new AtomicLong();
        Thread[] threads = new Thread[n];
        for (int i = 0; i < n; i++) {
            threads[i] = new Thread(() -> total.addAndGet((long) (sync(c, seconds) * seconds)));
            threads[i].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        return total.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static double async(RpcClient c, int window, int seconds) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        AtomicLong done = new AtomicLong();
        CountDownLatch finished = new CountDownLatch(window);
        long start = System.nanoTime();
        for (int i = 0; i < window; i++) {
            next(c, end, done, finished);
        }
        finished.await();
        return done.get() / ((System.nanoTime() - start) / 1e9);
    }

    private static void next(RpcClient c, long end, AtomicLong done, CountDownLatch finished) {
        c.callAsync("Arith.Multiply", new Args(7, 8), Integer.class, T).whenComplete((r, e) -> {
            if (e != null) {
                e.printStackTrace();
                finished.countDown();
                return;
            }
            done.incrementAndGet();
            if (System.nanoTime() < end) {
                next(c, end, done, finished);
            } else {
                finished.countDown();
            }
        });
    }
}
