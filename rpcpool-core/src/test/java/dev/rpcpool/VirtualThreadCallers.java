package dev.rpcpool;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.pool.PoolStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Run in a Java 21+ JVM by {@link VirtualThreadCallersTest}: many virtual threads make blocking calls
 * through one pool (each mode in turn) against a real rpcpool server, more callers than connections
 * so most wait for a connection in exclusive mode and for replies in both. Every reply is checked
 * against its own call's arguments; afterwards the pool must hold no lease and never have opened
 * more than its cap. Prints one line per mode and the problems it found; exits 0 if none.
 */
public final class VirtualThreadCallers {
    private static final int CALLERS = 200;
    private static final int CALLS_EACH = 150;
    private static final int MAX_CONNECTIONS = 4;

    private VirtualThreadCallers() {
    }

    public static void main(String[] args) throws Exception {
        List<String> problems = new ArrayList<>();
        try (TestServer server = new TestServer(GobCodec.create())) {
            for (PoolMode mode : PoolMode.values()) {
                problems.addAll(run(server, mode));
            }
        }
        problems.forEach(p -> System.out.println("PROBLEM " + p));
        System.exit(problems.isEmpty() ? 0 : 1);
    }

    private static List<String> run(TestServer server, PoolMode mode) throws Exception {
        ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
        AtomicLong calls = new AtomicLong();
        try (RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(mode).maxConnections(MAX_CONNECTIONS)
                .maxInFlightPerConnection(8).callTimeout(Duration.ofSeconds(30)).build()) {
            List<Thread> callers = new ArrayList<>();
            for (int i = 0; i < CALLERS; i++) {
                int caller = i;
                callers.add((Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
                        (Runnable) () -> call(pool, caller, calls, problems)));
            }
            for (Thread t : callers) {
                t.join(120_000);
                if (t.isAlive()) {
                    problems.add(mode + ": a caller still running after 120 s");
                }
            }
            PoolStats stats = pool.stats();
            if (stats.leased() != 0) {
                problems.add(mode + ": " + stats.leased() + " leases outstanding after every caller ended");
            }
            if (stats.created() > MAX_CONNECTIONS) {
                problems.add(mode + ": opened " + stats.created() + " connections, cap " + MAX_CONNECTIONS);
            }
            System.out.printf("%s: %d calls from %d virtual threads, %d connections opened, %d acquires waited%n",
                    mode, calls.get(), CALLERS, stats.created(), stats.waitedAcquires());
        }
        if (calls.get() != (long) CALLERS * CALLS_EACH) {
            problems.add(mode + ": " + calls.get() + " calls answered right, expected " + CALLERS * CALLS_EACH);
        }
        return new ArrayList<>(problems);
    }

    /** One caller: alternates a product and a delayed echo (replies out of order), checking each. */
    private static void call(RpcClientPool pool, int caller, AtomicLong calls, ConcurrentLinkedQueue<String> problems) {
        try {
            for (int i = 0; i < CALLS_EACH; i++) {
                if (i % 2 == 0) {
                    long product = pool.call("Arith.Multiply", new Args(caller, i), Long.class);
                    if (product != (long) caller * i) {
                        problems.add("caller " + caller + " asked " + caller + "×" + i + ", got " + product);
                        return;
                    }
                } else {
                    long id = (long) caller << 32 | i;
                    long echoed = pool.call("Delay.Echo",
                            new TestServer.Delayed(id, ThreadLocalRandom.current().nextInt(3)), Long.class);
                    if (echoed != id) {
                        problems.add("caller " + caller + " sent id " + id + ", got " + echoed);
                        return;
                    }
                }
                calls.incrementAndGet();
            }
        } catch (RuntimeException e) {
            problems.add("caller " + caller + ": " + e);
        }
    }
}
