package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.pool.PoolClosedException;
import dev.rpcpool.pool.PoolStats;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.SyncWait;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/** RpcClientPool against a real rpcpool server over loopback, in both modes and with both codecs. */
class RpcClientPoolTest {

    static Stream<Arguments> codecsAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (Codec codec : List.of(GobCodec.create(), new JsonRpcCodec())) {
            for (PoolMode mode : PoolMode.values()) {
                all.add(Arguments.of(codec, mode));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("codecsAndModes")
    void callsSucceedAndServerErrorsKeepTheConnection(Codec codec, PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(codec);
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).codec(codec).mode(mode).build()) {
            assertThat(pool.call("Arith.Multiply", new Args(7, 8), Integer.class)).isEqualTo(56);
            assertThat(pool.callAsync("Arith.Divide", new Args(17, 5), Quotient.class, Duration.ofSeconds(5)).get())
                    .isEqualTo(new Quotient(3, 2));
            assertThatThrownBy(() -> pool.call("Arith.Divide", new Args(1, 0), Quotient.class))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("divide by zero");
            assertThatThrownBy(() -> pool.call("Nope.Multiply", new Args(1, 0), Integer.class))
                    .isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("rpc: can't find service Nope.Multiply");
            assertThat(pool.call("Echo.Echo", "héllo, 世界", String.class)).isEqualTo("héllo, 世界");
            PoolStats stats = pool.stats();
            assertThat(stats.created()).as("server errors keep the connection").isEqualTo(1);
            assertThat(stats.leased()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void theConnectionCapHoldsUnderSixtyFourCallers(PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort())
                        .mode(mode).maxConnections(4).maxInFlightPerConnection(2).build()) {
            AtomicInteger peakServerSide = new AtomicInteger();
            AtomicInteger peakPoolSide = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            Thread monitor = new Thread(() -> {
                while (running.get()) {
                    peakServerSide.accumulateAndGet(server.connections(), Math::max);
                    PoolStats s = pool.stats();
                    peakPoolSide.accumulateAndGet(s.open() + s.opening(), Math::max);
                    Thread.onSpinWait();
                }
            });
            monitor.start();
            List<Thread> callers = new ArrayList<>();
            AtomicInteger wrong = new AtomicInteger();
            for (int t = 0; t < 64; t++) {
                int a = t;
                callers.add(new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        if (pool.call("Arith.Multiply", new Args(a, i), Integer.class, Duration.ofSeconds(30)) != a * i) {
                            wrong.incrementAndGet();
                        }
                    }
                }));
            }
            callers.forEach(Thread::start);
            for (Thread t : callers) {
                t.join();
            }
            running.set(false);
            monitor.join();
            assertThat(wrong).hasValue(0);
            assertThat(peakPoolSide.get()).isLessThanOrEqualTo(4);
            assertThat(peakServerSide.get()).isLessThanOrEqualTo(4);
            assertThat(pool.stats().created()).isLessThanOrEqualTo(4);
        }
    }

    /**
     * However a blocking caller waits, it gets its own reply: sixteen callers (more than ADAPTIVE
     * lets poll) on mixed fast and slow calls, with deadlines that must still end the wait on time.
     */
    @ParameterizedTest
    @EnumSource(SyncWait.class)
    void everyWayOfWaitingGivesEachCallerItsOwnReplyAndKeepsDeadlines(SyncWait syncWait) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).syncWait(syncWait).build()) {
            AtomicInteger wrong = new AtomicInteger();
            AtomicInteger failed = new AtomicInteger();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                long base = t * 1_000_000L;
                callers.add(new Thread(() -> {
                    for (int i = 0; i < 300; i++) {
                        try {
                            // every 50th call outlives the spin budget, so the caller parks and is woken
                            long id = base + i;
                            long got = pool.call("Delay.Echo", new TestServer.Delayed(id, i % 50 == 0 ? 2 : 0),
                                    Long.class, Duration.ofSeconds(30));
                            if (got != id) {
                                wrong.incrementAndGet();
                            }
                        } catch (RuntimeException e) {
                            failed.incrementAndGet();
                        }
                    }
                }));
            }
            callers.forEach(Thread::start);
            for (Thread t : callers) {
                t.join();
            }
            assertThat(wrong).as("replies delivered to the wrong caller").hasValue(0);
            assertThat(failed).hasValue(0);
            long start = System.nanoTime();
            assertThatThrownBy(() -> pool.call("Delay.Echo", new TestServer.Delayed(1, 5_000), Long.class,
                    Duration.ofMillis(100))).isInstanceOf(CallTimeoutException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
            assertThat(pool.stats().leased()).isZero();
        }
    }

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void aTimedOutCallNamesTheCallersTimeoutNotWhatWasLeftOfIt(PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(mode)
                        .callTimeout(Duration.ofMillis(150)).build()) {
            // the first call also dials, so less than 150 ms is left when its request goes out
            assertThatThrownBy(() -> pool.call("Delay.Echo", new TestServer.Delayed(1, 5_000), Long.class))
                    .isInstanceOfSatisfying(CallTimeoutException.class,
                            e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(150)))
                    .hasMessageContaining("timed out after 150 ms");
            CompletableFuture<Long> async = pool.callAsync("Delay.Echo", new TestServer.Delayed(2, 5_000), Long.class,
                    Duration.ofMillis(120));
            assertThatThrownBy(async::get).isInstanceOf(ExecutionException.class).cause()
                    .isInstanceOfSatisfying(CallTimeoutException.class,
                            e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(120)))
                    .hasMessageContaining("timed out after 120 ms");
        }
    }

    @Test
    void multiplexedOpensANewConnectionOnlyWhenEveryConnectionIsFull() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort())
                        .maxConnections(8).maxInFlightPerConnection(4).build()) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.callAsync("Sleep.Millis", 500, Integer.class, Duration.ofSeconds(10)));
            }
            assertThat(pool.stats().created()).isEqualTo(2);
            assertThat(pool.connections()).extracting(ConnectionStats::inFlight).containsOnly(4);
            calls.add(pool.callAsync("Sleep.Millis", 500, Integer.class, Duration.ofSeconds(10)));
            assertThat(pool.stats().created()).isEqualTo(3);
            for (CompletableFuture<Integer> c : calls) {
                assertThat(c.get()).isEqualTo(500);
            }
            assertThat(pool.stats().leased()).isZero();
        }
    }

    // Timed-out calls never receiving another call's reply, and leaking nothing, in both modes:
    // ReliabilityIT#callsStraddlingTheirTimeoutNeverGetAnotherCallsReplyAndLeakNothing (100,000 calls).

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void aTransportFailureFailsEveryCallInFlightAtOnceAndEvictsTheConnection(PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort())
                        .mode(mode).maxConnections(8).maxInFlightPerConnection(8).build()) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(pool.callAsync("Sleep.Millis", 10_000, Integer.class, Duration.ofSeconds(20)));
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == pool.stats().open());
            long t0 = System.nanoTime();
            proxy.resetAll();
            for (CompletableFuture<Integer> c : calls) {
                assertThatThrownBy(c::get).isInstanceOf(ExecutionException.class)
                        .hasCauseInstanceOf(TransportException.class);
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            await().atMost(Duration.ofSeconds(2)).until(() -> pool.stats().open() == 0);
            assertThat(pool.call("Arith.Multiply", new Args(2, 3), Integer.class)).isEqualTo(6);
        }
    }

    @Test
    void whileTheServerIsDownCallsFailFastAndThePoolRecoversWithinOneBackoff() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort())
                        .connectBackoff(Duration.ofMillis(50), Duration.ofMillis(400)).build()) {
            assertThat(pool.call("Arith.Multiply", new Args(2, 3), Integer.class)).isEqualTo(6);
            proxy.refuseNew();
            proxy.resetAll();
            await().atMost(Duration.ofSeconds(2)).until(() -> pool.stats().open() == 0);
            for (int i = 0; i < 20; i++) {
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> pool.call("Arith.Multiply", new Args(2, 3), Integer.class,
                        Duration.ofSeconds(5)))
                        .isInstanceOf(RpcPoolException.class)
                        .hasMessageContaining("127.0.0.1:" + proxy.address().getPort())
                        .hasMessageContaining("next attempt in");
                assertThat(Duration.ofNanos(System.nanoTime() - t0))
                        .as("fails fast, not at the 5 s deadline").isLessThan(Duration.ofSeconds(1));
            }
            proxy.acceptAgain();
            long up = System.nanoTime();
            await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(10)).ignoreExceptions()
                    .until(() -> pool.call("Arith.Multiply", new Args(2, 3), Integer.class) == 6);
            assertThat(Duration.ofNanos(System.nanoTime() - up))
                    .as("success resumes within one backoff period (400 ms) plus slack")
                    .isLessThan(Duration.ofMillis(400 + 1_600)); // slack for a loaded 2-core machine
        }
    }

    @Test
    void aCallFoundDeadBeforeItsRequestLeftIsRetriedOnceOnAFreshConnection() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create())) {
            AtomicInteger sabotaged = new AtomicInteger();
            try (RpcClientPool pool = RpcClientPool.builder(server.hostPort())
                    .beforeCall(client -> {
                        if (sabotaged.getAndIncrement() == 0) {
                            client.close(); // dies between hand-out and write
                        }
                    }).build()) {
                assertThat(pool.call("Counter.Inc", 0, Integer.class)).isEqualTo(1);
                assertThat(server.counter.incs).as("the server ran it exactly once").hasValue(1);
                assertThat(pool.stats().created()).isEqualTo(2);
            }
        }
    }

    @Test
    void aCallWhoseRequestMayHaveLeftIsNeverRetried() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort()).build()) {
            CompletableFuture<Integer> call = pool.callAsync("Sleep.Millis", 5_000, Integer.class, Duration.ofSeconds(10));
            await().atMost(Duration.ofSeconds(5)).until(() -> proxy.openConnections() == 1);
            Thread.sleep(100); // let the request reach the server
            proxy.resetAll();
            assertThatThrownBy(call::get).hasCauseInstanceOf(TransportException.class);
            assertThat(pool.stats().created()).as("no retry on a new connection").isEqualTo(1);
        }
    }

    @Test
    void idleConnectionsAreProbedAndADeadOneIsReplacedBeforeACallerGetsIt() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort())
                        .probeAfterIdle(Duration.ZERO)
                        .probeTimeout(Duration.ofMillis(300))
                        .probeMethod("Counter.Probe", 0)
                        .build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(pool.call("Arith.Multiply", new Args(i, 2), Integer.class)).isEqualTo(2 * i);
            }
            assertThat(server.counter.probes.get()).isGreaterThanOrEqualTo(2);
            proxy.halfOpenAll(); // the idle connection is now dead, silently
            assertThat(pool.call("Arith.Multiply", new Args(3, 3), Integer.class, Duration.ofSeconds(5))).isEqualTo(9);
            assertThat(pool.stats().created()).isEqualTo(2);
        }
    }

    @Test
    void theDefaultProbeProvesAServerAliveWithoutAnyServiceOfOurs() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).probeAfterIdle(Duration.ZERO).build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(pool.call("Arith.Multiply", new Args(i, 2), Integer.class)).isEqualTo(2 * i);
            }
            assertThat(pool.stats().created()).as("probes answered 'can't find service': kept").isEqualTo(1);
        }
    }

    @Test
    void closeClosesEveryConnectionAndLaterCallsFailClearly() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create())) {
            RpcClientPool pool = RpcClientPool.builder(server.hostPort()).build();
            CountDownLatch started = new CountDownLatch(4);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                calls.add(pool.callAsync("Arith.Multiply", new Args(i, i), Integer.class).whenComplete((r, e) -> started.countDown()));
            }
            assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();
            pool.close();
            pool.close(); // idempotent
            await().atMost(Duration.ofSeconds(5)).until(() -> server.connections() == 0);
            assertThatThrownBy(() -> pool.call("Arith.Multiply", new Args(1, 1), Integer.class))
                    .isInstanceOf(PoolClosedException.class);
        }
    }

    @Test
    void builderRejectsBadSettingsNamingThem() {
        assertThatThrownBy(() -> RpcClientPool.builder("localhost")).hasMessageContaining("host:port");
        assertThatThrownBy(() -> RpcClientPool.builder("localhost:99999")).hasMessageContaining("[1, 65535]");
        assertThatThrownBy(() -> RpcClientPool.builder("h:1").maxInFlightPerConnection(0).build())
                .hasMessageContaining("maxInFlightPerConnection");
        assertThatThrownBy(() -> RpcClientPool.builder("h:1").maxConnections(0).build())
                .hasMessageContaining("maxConnections");
        assertThatThrownBy(() -> RpcClientPool.builder("h:1").callTimeout(Duration.ZERO).build())
                .hasMessageContaining("callTimeout");
        assertThatThrownBy(() -> RpcClientPool.builder("h:1").syncWait(null)).hasMessageContaining("syncWait");
    }

    @Test
    void callArgumentsAreCheckedAtOnce() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).build()) {
            assertThatThrownBy(() -> pool.call(null, 1, Integer.class)).isInstanceOf(IllegalArgumentException.class);
            assertThatThrownBy(() -> pool.call("A.B", 1, Integer.class, Duration.ZERO))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("timeout");
            assertThat(pool.stats().created()).isZero();
        }
    }

}
