package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.interop.GoProcess;
import dev.rpcpool.pool.PoolConnectException;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** RpcClientPool against stock Go net/rpc servers (interop/go/goserver), every codec and mode. */
class RpcClientPoolGoIT {

    /** How to start the Go server, and how to configure the pool for it. */
    enum GoFlavour {
        GOB("-codec", "gob"), GOB_HTTP("-codec", "gob", "-http"), JSON("-codec", "json");

        final String[] flags;

        GoFlavour(String... flags) {
            this.flags = flags;
        }

        RpcClientPool.Builder configure(RpcClientPool.Builder b) {
            return switch (this) {
                case GOB -> b.codec(GobCodec.create());
                case GOB_HTTP -> b.codec(GobCodec.create()).http();
                case JSON -> b.codec(new JsonRpcCodec());
            };
        }
    }

    static Stream<Arguments> flavoursAndModes() {
        List<Arguments> all = new ArrayList<>();
        for (GoFlavour f : GoFlavour.values()) {
            for (PoolMode m : PoolMode.values()) {
                all.add(Arguments.of(f, m));
            }
        }
        return all.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("flavoursAndModes")
    void callsAGoServerInEveryModeAndCodec(GoFlavour flavour, PoolMode mode) throws Exception {
        try (GoProcess go = GoProcess.startServer(flavour.flags);
                RpcClientPool pool = flavour.configure(RpcClientPool.builder(go.hostPort()))
                        .mode(mode).maxConnections(4).maxInFlightPerConnection(16)
                        .probeAfterIdle(Duration.ZERO).build()) {
            assertThat(pool.call("Arith.Multiply", new Args(7, 8), Integer.class)).isEqualTo(56);
            assertThat(pool.call("Arith.Divide", new Args(17, 5), Quotient.class)).isEqualTo(new Quotient(3, 2));
            assertThatThrownBy(() -> pool.call("Arith.Divide", new Args(1, 0), Quotient.class))
                    .isInstanceOf(ServerErrorException.class).hasMessageContaining("divide by zero");
            byte[] blob = new byte[1024];
            Arrays.fill(blob, (byte) 7);
            assertThat(pool.call("Echo.Bytes", blob, byte[].class)).isEqualTo(blob);

            // 64 calls finishing out of order, never over the cap
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(pool.callAsync("Sleep.Millis", (64 - i) % 16, Integer.class, Duration.ofSeconds(30)));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(calls.get(i).get()).isEqualTo((64 - i) % 16);
            }
            assertThat(pool.stats().created()).isLessThanOrEqualTo(4);
            // every idle reuse was probed with a call to a missing service; Go answered, so none was dropped
            assertThat(pool.stats().closed()).isZero();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("modes")
    void aKilledGoServerFailsCallsFastAndThePoolRecoversWhenItIsBack(PoolMode mode) throws Exception {
        Duration backoffMax = Duration.ofMillis(500);
        GoProcess go = GoProcess.startServer("-codec", "gob");
        int port = go.address().getPort();
        try (RpcClientPool pool = RpcClientPool.builder(go.hostPort()).mode(mode).maxConnections(8)
                .maxInFlightPerConnection(8).connectBackoff(Duration.ofMillis(50), backoffMax).build()) {
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong killedAt = new AtomicLong(Long.MAX_VALUE);
            AtomicLong lastSuccess = new AtomicLong();
            AtomicLong successes = new AtomicLong();
            List<Long> transportFailureDelays = new CopyOnWriteArrayList<>();
            List<Long> downtimeFailureMillis = new CopyOnWriteArrayList<>();
            List<Throwable> unexpected = new CopyOnWriteArrayList<>();
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < 64; t++) {
                callers.add(new Thread(() -> {
                    while (running.get()) {
                        long t0 = System.nanoTime();
                        try {
                            pool.call("Sleep.Millis", 20, Integer.class, Duration.ofSeconds(10));
                            lastSuccess.set(System.nanoTime());
                            successes.incrementAndGet();
                        } catch (TransportException | PoolConnectException e) {
                            long now = System.nanoTime();
                            if (t0 < killedAt.get()) {
                                // in flight or queued at the kill: how long after the kill did it fail?
                                transportFailureDelays.add(now - killedAt.get());
                            } else {
                                downtimeFailureMillis.add((now - t0) / 1_000_000);
                            }
                        } catch (RuntimeException e) {
                            unexpected.add(e);
                        }
                    }
                }));
            }
            callers.forEach(Thread::start);
            // under load: every caller has had its turn (on a loaded machine the first connects of a
            // fresh JVM can take a second; killing before would count callers that never got going)
            long warm = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (successes.get() < 4 * 64 && System.nanoTime() < warm) {
                Thread.sleep(10);
            }
            Thread.sleep(300);
            assertThat(successes.get()).as("calls before the kill").isGreaterThanOrEqualTo(4 * 64);
            killedAt.set(System.nanoTime());
            go.kill();
            long deadAfter = System.nanoTime() - killedAt.get(); // SIGKILL until the process was reaped
            Thread.sleep(1_000); // down
            GoProcess back = GoProcess.startServer("-codec", "gob", "-addr", "127.0.0.1:" + port);
            long upAt = System.nanoTime();
            try {
                long deadline = upAt + Duration.ofSeconds(10).toNanos();
                while (lastSuccess.get() < upAt && System.nanoTime() < deadline) {
                    Thread.sleep(5);
                }
                long recovery = lastSuccess.get() - upAt;
                running.set(false);
                for (Thread t : callers) {
                    t.join();
                }
                assertThat(unexpected).isEmpty();
                assertThat(transportFailureDelays).as("calls in flight or queued at the kill failed").isNotEmpty();
                long[] delays = transportFailureDelays.stream().mapToLong(Long::longValue).sorted().toArray();
                long medianMillis = delays[delays.length / 2] / 1_000_000;
                long worstMillis = delays[delays.length - 1] / 1_000_000;
                // measured on this shared 2-core box at load average 10-11: median 39 ms (exclusive) and
                // 24 ms (multiplexed), worst 73 and 162 ms; the kill itself (SIGKILL until the process
                // is reaped) is 5-280 ms of it under load. In the full suite at load average 12-14 one
                // exclusive run had a median of 361 ms: every hand-off waits for a CPU there. The bound
                // catches a pool that makes queued callers wait (1.3 s when the test killed too early)
                assertThat(medianMillis).as("median failure after the kill, of calls in flight or queued at it")
                        .isLessThanOrEqualTo(500);
                assertThat(worstMillis).as("calls in flight or queued at the kill fail at once, not at their 10 s deadline").isLessThan(1_000);
                assertThat(downtimeFailureMillis).as("calls while the server is down").isNotEmpty();
                // typically under 350 ms (printed below); the bound leaves room for a 2-core CI box
                // under load, where one run took 1.65 s: still far from the 10 s deadline
                assertThat(downtimeFailureMillis.stream().mapToLong(Long::longValue).max().orElse(0))
                        .as("fail fast while down").isLessThan(2_500);
                assertThat(Duration.ofNanos(recovery)).as("success resumes within one backoff period plus slack")
                        .isLessThan(backoffMax.plusMillis(1_000));
                System.out.printf("kill/restart %s: %d in-flight or queued failures, median %d ms, p90 %d ms, worst %d ms"
                        + " after the kill (process reaped after %d ms); %d fast failures while down (worst %d ms);"
                        + " recovered %d ms after restart%n", mode, delays.length, medianMillis,
                        delays[delays.length * 9 / 10] / 1_000_000, worstMillis, deadAfter / 1_000_000,
                        downtimeFailureMillis.size(),
                        downtimeFailureMillis.stream().mapToLong(Long::longValue).max().orElse(0), recovery / 1_000_000);
            } finally {
                running.set(false);
                back.close();
            }
        } finally {
            go.close();
        }
    }

    static Stream<PoolMode> modes() {
        return Stream.of(PoolMode.values());
    }
}
