package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.pool.PoolConnectException;
import dev.rpcpool.pool.PoolListener;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.testing.FaultProxy;
import java.io.File;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Faults between a pool and a real server, injected by {@link FaultProxy}; each scenario asserts
 * bounds (time, counts, no cross-talk, no leak), not just "no exception".
 */
class ReliabilityIT {

    private static String via(FaultProxy proxy) {
        return "127.0.0.1:" + proxy.address().getPort();
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void blackholedCallsFailAtTheirDeadline(PoolMode mode) throws Exception {
        Duration deadline = Duration.ofMillis(300);
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder(via(proxy)).mode(mode).disableProbe().build()) {
            assertThat(pool.call("Arith.Multiply", new Args(2, 3), Integer.class)).isEqualTo(6);
            proxy.blackhole(true);
            List<Long> elapsedMillis = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                long t0 = System.nanoTime();
                try {
                    pool.call("Arith.Multiply", new Args(2, 3), Integer.class, deadline);
                    throw new AssertionError("a blackholed call succeeded");
                } catch (CallTimeoutException expected) {
                    elapsedMillis.add((System.nanoTime() - t0) / 1_000_000);
                }
            }
            List<Long> sorted = elapsedMillis.stream().sorted().toList();
            assertThat(sorted.get(sorted.size() / 2)).as("median, deadline 300 ms").isBetween(300L, 350L);
            // a loaded 2-core machine can delay a thread's wake-up; never a hang, never early
            assertThat(elapsedMillis).allSatisfy(ms -> assertThat(ms).isBetween(300L, 300L + 1_000L));
            if (mode == PoolMode.EXCLUSIVE) {
                assertThat(pool.stats().closed()).as("each timed-out connection was discarded").isEqualTo(10);
            }
            proxy.blackhole(false);
            assertThat(pool.call("Arith.Multiply", new Args(2, 3), Integer.class)).isEqualTo(6);
            System.out.printf("blackhole %s: calls failed after %s ms (deadline 300 ms)%n", mode, elapsedMillis);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void callsStraddlingTheirTimeoutNeverGetAnotherCallsReplyAndLeakNothing(PoolMode mode) throws Exception {
        // EXCLUSIVE discards the connection of every timed-out call, so it needs a timeout that leaves
        // room for reconnecting; MULTIPLEXED keeps connections and is checked at 3 ms over 100,000 calls
        int total = mode == PoolMode.MULTIPLEXED ? 100_000 : 10_000;
        int timeoutMillis = mode == PoolMode.MULTIPLEXED ? 3 : 25;
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(mode)
                        .maxConnections(16).maxInFlightPerConnection(8).build()) {
            AtomicLong ids = new AtomicLong();
            AtomicInteger ok = new AtomicInteger();
            AtomicInteger timedOut = new AtomicInteger();
            AtomicInteger poolDeadline = new AtomicInteger();
            AtomicInteger wrong = new AtomicInteger();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                callers.add(new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long id;
                    while ((id = ids.incrementAndGet()) <= total) {
                        try {
                            long got = pool.call("Delay.Echo",
                                    new TestServer.Delayed(id, random.nextInt(0, 2 * timeoutMillis - 1)),
                                    Long.class, Duration.ofMillis(timeoutMillis));
                            if (got == id) {
                                ok.incrementAndGet();
                            } else {
                                wrong.incrementAndGet();
                            }
                        } catch (CallTimeoutException e) {
                            timedOut.incrementAndGet();
                        } catch (PoolTimeoutException | PoolConnectException e) {
                            poolDeadline.incrementAndGet();
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                }));
            }
            long t0 = System.nanoTime();
            callers.forEach(Thread::start);
            for (Thread t : callers) {
                t.join();
            }
            String outcome = String.format("%s: %d calls in %d ms: ok=%d, timedOut=%d, poolDeadline=%d, wrong=%d",
                    mode, total, (System.nanoTime() - t0) / 1_000_000, ok.get(), timedOut.get(), poolDeadline.get(),
                    wrong.get());
            System.out.println("cross-talk check " + outcome);
            assertThat(unexpected).as(outcome).isEmpty();
            assertThat(wrong).as(outcome).hasValue(0);
            assertThat(ok.get() + timedOut.get() + poolDeadline.get()).isEqualTo(total);
            assertThat(ok.get()).as(outcome).isPositive();
            assertThat(timedOut.get()).as(outcome).isPositive();
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
                assertThat(pool.stats().leased()).as("leases back to zero").isZero();
                assertThat(pool.stats().open()).isLessThanOrEqualTo(16);
            });
        }
    }

    @Test
    void whileTheServerRefusesConnectAttemptsAreBoundedByTheBackoffNotByTheCallers() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder(via(proxy))
                        .connectBackoff(Duration.ofMillis(100), Duration.ofSeconds(1))
                        .listener(new PoolListener() {
                            @Override
                            public void connectFailed(String p, Throwable cause, Duration nextAttemptIn) {
                                attempts.incrementAndGet();
                            }
                        })
                        .build()) {
            proxy.refuseNew(); // the kernel refuses: such attempts never reach a userspace proxy, so count them at the pool
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong calls = new AtomicLong();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                callers.add(new Thread(() -> {
                    while (running.get()) {
                        calls.incrementAndGet();
                        try {
                            pool.call("Arith.Multiply", new Args(1, 1), Integer.class, Duration.ofSeconds(2));
                        } catch (RpcPoolException expected) {
                            Thread.onSpinWait();
                        }
                    }
                }));
            }
            long refusedFor = Duration.ofSeconds(10).toMillis();
            callers.forEach(Thread::start);
            Thread.sleep(refusedFor);
            running.set(false);
            for (Thread t : callers) {
                t.join();
            }
            // 100 ms doubling to a 1 s cap: about 4 attempts to reach the cap, then one a second
            System.out.printf("refused for %d ms: %d calls, %d connect attempts%n", refusedFor, calls.get(), attempts.get());
            assertThat(attempts.get()).as("attempts while %d calls were made", calls.get())
                    .isBetween(5, 20);
            assertThat(calls.get()).isGreaterThan(100L * attempts.get());
            proxy.acceptAgain();
            await().atMost(Duration.ofSeconds(3)).ignoreExceptions()
                    .until(() -> pool.call("Arith.Multiply", new Args(2, 3), Integer.class) == 6);
        }
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void aConnectionTheServerClosedWhileIdleIsNeverHandedToACaller(PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder(via(proxy)).mode(mode).build()) {
            for (int i = 0; i < 50; i++) {
                assertThat(pool.call("Arith.Multiply", new Args(i, 2), Integer.class)).isEqualTo(2 * i);
                assertThat(proxy.closeIdle(Duration.ZERO)).as("the server closes the idle connection").isEqualTo(1);
                await().atMost(Duration.ofSeconds(2)).until(() -> server.connections() == 0);
            }
            assertThat(pool.stats().created()).as("a fresh connection for every call").isEqualTo(50);
        }
    }

    @Test
    void closingPoolsAndServersReturnsFileDescriptorsAndThreadsToTheirBaseline() throws Exception {
        // warm the JVM's own lazily created resources (common pool, loaded classes) first
        runSomeTraffic();
        await().atMost(Duration.ofSeconds(5)).until(() -> ourThreads().isEmpty());
        int fdBaseline = openFileDescriptors();

        runSomeTraffic();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(ourThreads()).as("threads left behind").isEmpty();
            assertThat(openFileDescriptors()).as("open file descriptors").isLessThanOrEqualTo(fdBaseline);
        });
    }

    private static void runSomeTraffic() {
        for (var codec : List.of(GobCodec.create(), new JsonRpcCodec())) {
            try (TestServer server = new TestServer(codec);
                    RpcClientPool exclusive = RpcClientPool.builder(server.hostPort()).codec(codec)
                            .mode(PoolMode.EXCLUSIVE).minIdle(2).prewarm(true).build();
                    RpcClientPool multiplexed = RpcClientPool.builder(server.hostPort()).codec(codec).build()) {
                for (int i = 0; i < 200; i++) {
                    exclusive.call("Arith.Multiply", new Args(i, 2), Integer.class);
                    multiplexed.callAsync("Arith.Multiply", new Args(i, 3), Integer.class).join();
                }
                try {
                    multiplexed.call("Sleep.Millis", 200, Integer.class, Duration.ofMillis(20));
                } catch (CallTimeoutException expected) {
                    // a call abandoned mid-flight must not pin anything either
                }
            }
        }
    }

    /** Live threads that belong to rpcpool or Netty (the JVM's own, like the common pool, are not ours). */
    private static Set<String> ourThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool") && !n.startsWith("main")
                        && !n.startsWith("surefire") && !n.startsWith("Reference Handler") && !n.startsWith("Finalizer")
                        && !n.startsWith("Signal Dispatcher") && !n.startsWith("Common-Cleaner")
                        && !n.startsWith("Notification Thread") && !n.startsWith("Attach Listener")
                        && !n.startsWith("process reaper") && !n.startsWith("awaitility")
                        && !n.startsWith("globalEventExecutor") // Netty's shared executor stops itself after 1 s idle
                        && !n.startsWith("ObjectCleanerThread") && !n.startsWith("junit"))
                .collect(Collectors.toSet());
    }

    private static int openFileDescriptors() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }
}
