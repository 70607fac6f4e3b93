package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.pool.PoolBackoffException;
import dev.rpcpool.pool.PoolClosedException;
import dev.rpcpool.pool.PoolConnectException;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.rpc.CallInterruptedException;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.TransportException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link CallListener}: every call reported once, with its outcome and a plausible duration. */
class CallListenerTest {
    record Ended(String method, long nanos, CallOutcome outcome, String thread) {}

    private final List<Ended> ended = new CopyOnWriteArrayList<>();
    private final CallListener record = (method, nanos, failure) ->
            ended.add(new Ended(method, nanos, CallOutcome.of(failure), Thread.currentThread().getName()));

    @Test
    void blockingCallsAreReportedOnceWithTheirOutcome() {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).callListener(record).build()) {
            assertThat(pool.call("Arith.Multiply", new Args(7, 8), Integer.class)).isEqualTo(56);
            assertThatThrownBy(() -> pool.call("Arith.Divide", new Args(1, 0), Quotient.class))
                    .isInstanceOf(ServerErrorException.class);
            assertThatThrownBy(() -> pool.call("Sleep.Millis", 2_000, Integer.class, Duration.ofMillis(100)))
                    .isInstanceOf(CallTimeoutException.class);
            assertThat(ended).extracting(Ended::method).containsExactly("Arith.Multiply", "Arith.Divide", "Sleep.Millis");
            assertThat(ended).extracting(Ended::outcome)
                    .containsExactly(CallOutcome.OK, CallOutcome.SERVER_ERROR, CallOutcome.TIMEOUT);
            assertThat(ended).allSatisfy(e -> assertThat(e.thread()).isEqualTo(Thread.currentThread().getName()));
            assertThat(ended.get(2).nanos()).isBetween(TimeUnit.MILLISECONDS.toNanos(100), TimeUnit.SECONDS.toNanos(2));
        }
    }

    @Test
    void asynchronousCallsAreReportedOnceAfterTheirFutureCompletes() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).callListener(record).directCallbacks().build()) {
            CompletableFuture<Integer> ok = pool.callAsync("Arith.Multiply", new Args(6, 7), Integer.class);
            CompletableFuture<Integer> late = pool.callAsync("Sleep.Millis", 2_000, Integer.class, Duration.ofMillis(100));
            assertThat(ok.get(5, TimeUnit.SECONDS)).isEqualTo(42);
            assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CallTimeoutException.class);
            await().atMost(Duration.ofSeconds(5)).until(() -> ended.size() == 2);
            assertThat(ended).extracting(Ended::outcome).containsExactlyInAnyOrder(CallOutcome.OK, CallOutcome.TIMEOUT);
            TimeUnit.MILLISECONDS.sleep(50);
            assertThat(ended).as("never twice").hasSize(2);
        }
    }

    @Test
    void poolFailuresAreCallOutcomesToo() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (RpcClientPool refused = RpcClientPool.builder("127.0.0.1:" + closedPort).callListener(record).build()) {
            assertThatThrownBy(() -> refused.call("Arith.Multiply", new Args(1, 1), Integer.class))
                    .isInstanceOf(PoolConnectException.class);
        }
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool one = RpcClientPool.builder(server.hostPort()).mode(PoolMode.EXCLUSIVE).maxConnections(1)
                        .callListener(record).build()) {
            CompletableFuture<Integer> busy = one.callAsync("Sleep.Millis", 300, Integer.class, Duration.ofSeconds(5));
            assertThatThrownBy(() -> one.call("Arith.Multiply", new Args(1, 1), Integer.class, Duration.ofMillis(50)))
                    .isInstanceOf(PoolTimeoutException.class);
            busy.get(5, TimeUnit.SECONDS);
            // reported just after its future completed, on the thread that completed it
            await().atMost(Duration.ofSeconds(5)).until(() -> ended.size() == 3);
            one.close();
            assertThatThrownBy(() -> one.call("Arith.Multiply", new Args(1, 1), Integer.class))
                    .isInstanceOf(PoolClosedException.class);
        }
        assertThat(ended).extracting(Ended::outcome).containsExactly(CallOutcome.CONNECT_FAILED, CallOutcome.POOL_TIMEOUT,
                CallOutcome.OK, CallOutcome.POOL_CLOSED);
    }

    @Test
    void aListenerThatThrowsChangesNoCall() throws Exception {
        CallListener broken = (method, nanos, failure) -> {
            throw new IllegalStateException("listener bug");
        };
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).callListener(broken).build()) {
            assertThat(pool.call("Arith.Multiply", new Args(2, 3), Integer.class)).isEqualTo(6);
            assertThat(pool.callAsync("Arith.Multiply", new Args(2, 4), Integer.class).get(5, TimeUnit.SECONDS)).isEqualTo(8);
        }
    }

    @Test
    void underManyThreadsEveryCallIsReportedExactlyOnceUnderItsOwnMethod() throws Exception {
        Map<String, AtomicLong> perMethod = new ConcurrentHashMap<>();
        AtomicLong failures = new AtomicLong();
        CallListener count = (method, nanos, failure) -> {
            perMethod.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
            if (failure != null || nanos <= 0) {
                failures.incrementAndGet();
            }
        };
        int threads = 16;
        int callsEach = 300;
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).maxConnections(4).callListener(count).build()) {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                boolean async = t % 2 == 0;
                done.add(callers.submit(() -> {
                    for (int i = 0; i < callsEach; i++) {
                        if (async) {
                            pool.callAsync("Arith.Multiply", new Args(i, 2), Integer.class).join();
                        } else {
                            pool.call("Echo.Bytes", new byte[] {(byte) i}, byte[].class);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(60, TimeUnit.SECONDS);
            }
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> perMethod.values().stream().mapToLong(AtomicLong::get).sum() >= threads * callsEach);
        } finally {
            callers.shutdownNow();
        }
        assertThat(perMethod).containsOnlyKeys("Arith.Multiply", "Echo.Bytes");
        assertThat(perMethod.get("Arith.Multiply")).hasValue(threads / 2 * callsEach);
        assertThat(perMethod.get("Echo.Bytes")).hasValue(threads / 2 * callsEach);
        assertThat(failures).hasValue(0);
    }

    @Test
    void outcomesClassifyEveryDocumentedFailure() {
        assertThat(CallOutcome.of(null)).isEqualTo(CallOutcome.OK);
        assertThat(CallOutcome.of(new ServerErrorException("M", "boom"))).isEqualTo(CallOutcome.SERVER_ERROR);
        assertThat(CallOutcome.of(new CallTimeoutException("M", "a:1", Duration.ofSeconds(1), false)))
                .isEqualTo(CallOutcome.TIMEOUT);
        assertThat(CallOutcome.of(new PoolBackoffException("p", new RuntimeException(), 3, Duration.ofMillis(5))))
                .isEqualTo(CallOutcome.CONNECT_FAILED);
        assertThat(CallOutcome.of(new TransportException("gone", null, false))).isEqualTo(CallOutcome.TRANSPORT);
        assertThat(CallOutcome.of(new CodecException("bad"))).isEqualTo(CallOutcome.CODEC);
        assertThat(CallOutcome.of(new CallInterruptedException("M", "a:1"))).isEqualTo(CallOutcome.INTERRUPTED);
        assertThat(CallOutcome.of(new IllegalStateException())).isEqualTo(CallOutcome.OTHER);
        assertThat(CallOutcome.SERVER_ERROR.tag()).isEqualTo("server_error");
    }
}
