package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.demo.Args;
import dev.rpcpool.interop.DemoServiceChecks;
import dev.rpcpool.demo.Quotient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Java client against Java server over jsonrpc on loopback: the whole call path. */
class RpcClientServerTest {
    private static final Duration T = Duration.ofSeconds(20);
    private final JsonRpcLoopback net = new JsonRpcLoopback();

    @AfterEach
    void tearDown() {
        net.close();
    }

    @Test
    void everyDemoMethodAnswersLikeGo() {
        try (RpcClient c = net.connect()) {
            DemoServiceChecks.everyMethodAnswersLikeGo(c);
        }
    }

    @Test
    void serverErrorsCarryGoTextsAndKeepTheConnection() {
        try (RpcClient c = net.connect()) {
            DemoServiceChecks.serverErrorsCarryGoTextsAndKeepTheConnection(c);
        }
    }

    @Test
    void concurrentCallsOnOneConnectionGetTheirOwnRepliesOutOfOrder() {
        try (RpcClient c = net.connect()) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                calls.add(c.callAsync("Sleep.Millis", (64 - i) % 16, Integer.class, T));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(calls.get(i).join()).isEqualTo((64 - i) % 16);
            }
            assertThat(c.inFlight()).isZero();
        }
    }

    @Test
    void asyncCompletionNeverRunsOnAnIoThread() {
        try (RpcClient c = net.connect()) {
            String thread = c.callAsync("Arith.Multiply", new Args(1, 1), Integer.class, T)
                    .thenApply(x -> Thread.currentThread().getName()).join();
            assertThat(thread).doesNotStartWith("rpcpool-io");
        }
    }

    @Test
    void timedOutCallsLateReplyIsDiscardedAndCannotCompleteAnotherCall() {
        try (RpcClient c = net.connect()) {
            CompletableFuture<Integer> slow = c.callAsync("Sleep.Millis", 300, Integer.class, Duration.ofMillis(50));
            assertThatThrownBy(slow::join).hasCauseInstanceOf(CallTimeoutException.class)
                    .hasMessageContaining("Sleep.Millis").hasMessageContaining("timed out after 50 ms")
                    .hasMessageContaining(net.address.getPort() + "");
            assertThat(c.inFlight()).isZero();
            // this call is pending when the late reply (300) arrives; it must get its own reply
            assertThat(c.call("Sleep.Millis", 400, Integer.class, T)).isEqualTo(400);
            assertThat(c.isActive()).isTrue();
        }
    }

    @Test
    void anInterruptedSyncCallerGetsRpcPoolExceptionWithItsInterruptFlagRestored() throws Exception {
        try (RpcClient c = net.connect()) {
            java.util.concurrent.atomic.AtomicReference<Object> outcome = new java.util.concurrent.atomic.AtomicReference<>();
            Thread caller = new Thread(() -> {
                try {
                    outcome.set(c.call("Sleep.Millis", 2_000, Integer.class, T));
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
                if (!Thread.currentThread().isInterrupted()) {
                    outcome.set("interrupt flag lost");
                }
            });
            caller.start();
            org.awaitility.Awaitility.await().until(() -> caller.getState() == Thread.State.WAITING);
            caller.interrupt();
            caller.join(5_000);
            assertThat(outcome.get()).isInstanceOf(dev.rpcpool.rpc.CallInterruptedException.class)
                    .asString().contains("interrupted while waiting for Sleep.Millis");
        }
    }

    @Test
    void closingFailsPendingCallsAndLaterCallsFailAtOnceAsNeverWritten() {
        RpcClient c = net.connect();
        CompletableFuture<Integer> pending = c.callAsync("Sleep.Millis", 800, Integer.class, T);
        assertThat(c.call("Arith.Multiply", new Args(1, 1), Integer.class, T)).isEqualTo(1); // pending is written
        c.close();
        assertThatThrownBy(pending::join).cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("is shut down")
                .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isFalse());
        assertThat(c.isActive()).isFalse();
        assertThatThrownBy(() -> c.call("Arith.Multiply", new Args(1, 1), Integer.class, T))
                .isInstanceOf(TransportException.class)
                .hasMessage("connection to " + RpcClient.hostPort(net.address) + " is shut down: client closed")
                .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isTrue());
    }

    @Test
    void serverClosingTheConnectionFailsEveryPendingCallAtOnce() {
        RpcClient c = net.connect();
        List<CompletableFuture<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            calls.add(c.callAsync("Sleep.Millis", 10_000, Integer.class, Duration.ofSeconds(60)));
        }
        long start = System.nanoTime();
        assertThat(c.closeFuture()).isNotDone();
        net.server.shutdown(Duration.ofMillis(100));
        for (CompletableFuture<Integer> f : calls) {
            assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class).hasMessageContaining("is shut down");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(c.isActive()).isFalse();
        c.closeFuture().join();
    }

    @Test
    void replyOverTheClientsSizeLimitShutsTheConnectionDown() {
        try (JsonRpcLoopback small = new JsonRpcLoopback(s -> s, c -> c.maxMessageBytes(1000)); RpcClient c = small.connect()) {
            assertThat(c.call("Echo.Echo", "x".repeat(900), String.class, T)).hasSize(900);
            assertThatThrownBy(() -> c.call("Echo.Echo", "x".repeat(2000), String.class, T))
                    .isInstanceOf(TransportException.class).hasMessageContaining("limit of 1000 bytes");
            assertThat(c.isActive()).isFalse();
        }
    }

    @Test
    void replyThatDoesNotFitTheReplyTypeFailsOnlyThatCall() {
        try (RpcClient c = net.connect()) {
            assertThatThrownBy(() -> c.call("Echo.Echo", "text", Quotient.class, T))
                    .isInstanceOf(dev.rpcpool.codec.CodecException.class).hasMessageStartingWith("Echo.Echo: reading body ");
            assertThat(c.call("Echo.Echo", "ok", String.class, T)).isEqualTo("ok");
        }
    }

    @Test
    void callsBeyondMaxInFlightFailAtOnceWithoutBeingSent() {
        RpcConnector limited = new RpcConnector(net.loops,
                RpcClientOptions.builder(new dev.rpcpool.codec.jsonrpc.JsonRpcCodec()).maxInFlight(2).build());
        try (RpcClient c = limited.connect(net.address)) {
            CompletableFuture<Integer> a = c.callAsync("Sleep.Millis", 200, Integer.class, T);
            CompletableFuture<Integer> b = c.callAsync("Sleep.Millis", 200, Integer.class, T);
            assertThatThrownBy(() -> c.call("Arith.Multiply", new Args(1, 1), Integer.class, T))
                    .isInstanceOf(InFlightLimitException.class).hasMessageContaining("2 calls in flight");
            assertThat(a.join() + b.join()).isEqualTo(400);
            assertThat(c.inFlight()).isZero();
            assertThat(c.call("Arith.Multiply", new Args(2, 2), Integer.class, T)).isEqualTo(4);
        }
    }

    @Test
    void callbackCallsGetTheirOwnRepliesOnceEachOffTheIoThread() throws Exception {
        try (RpcClient c = net.connect()) {
            int n = 64;
            java.util.concurrent.atomic.AtomicIntegerArray calls = new java.util.concurrent.atomic.AtomicIntegerArray(n);
            java.util.concurrent.ConcurrentLinkedQueue<String> wrong = new java.util.concurrent.ConcurrentLinkedQueue<>();
            java.util.concurrent.CountDownLatch done = new java.util.concurrent.CountDownLatch(n);
            for (int i = 0; i < n; i++) {
                int expect = (n - i) % 16;
                int call = i;
                c.<Integer>callAsync("Sleep.Millis", expect, Integer.class, T, (reply, failure) -> {
                    if (calls.incrementAndGet(call) != 1 || failure != null || reply != expect
                            || Thread.currentThread().getName().startsWith("rpcpool-io")) {
                        wrong.add("call " + call + ": " + reply + " / " + failure + " on " + Thread.currentThread().getName());
                    }
                    done.countDown();
                });
            }
            assertThat(done.await(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
            assertThat(wrong).isEmpty();
            assertThat(c.inFlight()).isZero();
        }
    }

    @Test
    void aCallbackGetsTimeoutsAndServerErrorsAndOneThatThrowsDoesNotHurtTheConnection() throws Exception {
        try (RpcClient c = net.connect()) {
            CompletableFuture<Throwable> timedOut = new CompletableFuture<>();
            c.<Integer>callAsync("Sleep.Millis", 300, Integer.class, Duration.ofMillis(50), (reply, failure) -> timedOut.complete(failure));
            assertThat(timedOut.get(20, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(CallTimeoutException.class)
                    .hasMessageContaining("timed out after 50 ms");
            CompletableFuture<Throwable> serverError = new CompletableFuture<>();
            c.<Quotient>callAsync("Arith.Divide", new Args(1, 0), Quotient.class, T, (reply, failure) -> serverError.complete(failure));
            assertThat(serverError.get(20, java.util.concurrent.TimeUnit.SECONDS)).isInstanceOf(ServerErrorException.class)
                    .hasMessageContaining("divide by zero");
            CompletableFuture<Void> threw = new CompletableFuture<>();
            c.callAsync("Arith.Multiply", new Args(2, 3), Integer.class, T, (Integer reply, Throwable failure) -> {
                threw.complete(null);
                throw new IllegalStateException("a callback's own bug");
            });
            threw.get(20, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(c.call("Arith.Multiply", new Args(6, 7), Integer.class, T)).isEqualTo(42);
            assertThat(c.isActive()).isTrue();
        }
    }

    @Test
    void aCallbackCallOnAClosedConnectionIsRefusedOnTheCallersThread() {
        RpcClient c = net.connect();
        c.close();
        c.closeFuture().join();
        java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicReference<Thread> ranOn = new java.util.concurrent.atomic.AtomicReference<>();
        c.<Integer>callAsync("Arith.Multiply", new Args(1, 1), Integer.class, T, (reply, f) -> {
            failure.set(f);
            ranOn.set(Thread.currentThread());
        });
        assertThat(ranOn.get()).isSameAs(Thread.currentThread());
        assertThat(failure.get()).isInstanceOf(TransportException.class);
        assertThat(((TransportException) failure.get()).requestNeverWritten()).isTrue();
        assertThatThrownBy(() -> c.callAsync("Arith.Multiply", new Args(1, 1), Integer.class, T, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("callback");
    }

    @Test
    void connectTimeoutCoversTheHttpHandshake() throws Exception {
        RpcConnector http = new RpcConnector(net.loops, RpcClientOptions.builder(new dev.rpcpool.codec.jsonrpc.JsonRpcCodec())
                .http().connectTimeout(Duration.ofMillis(300)).build());
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            java.net.InetSocketAddress addr = new java.net.InetSocketAddress("127.0.0.1", silent.getLocalPort());
            assertThatThrownBy(() -> http.connect(addr)).isInstanceOf(ConnectFailedException.class)
                    .hasMessage("cannot connect to 127.0.0.1:" + silent.getLocalPort() + ": timed out after 300 ms");
        }
    }

    @Test
    void connectFailureNamesTheAddress() {
        RpcConnector connector = net.connector;
        java.net.InetSocketAddress nobody = new java.net.InetSocketAddress("127.0.0.1", 1);
        assertThatThrownBy(() -> connector.connect(nobody)).isInstanceOf(ConnectFailedException.class)
                .hasMessageStartingWith("cannot connect to 127.0.0.1:1: ");
    }

    @Test
    void aConnectionThatSpinsForItsRepliesAnswersLikeAnyOther() {
        RpcClientOptions options = RpcClientOptions.builder(new dev.rpcpool.codec.jsonrpc.JsonRpcCodec())
                .syncWait(SyncWait.SPIN).build();
        assertThat(options.toBuilder().build().syncWait()).isEqualTo(SyncWait.SPIN);
        assertThat(RpcClientOptions.builder(new dev.rpcpool.codec.jsonrpc.JsonRpcCodec()).build().syncWait())
                .isEqualTo(SyncWait.ADAPTIVE);
        assertThatThrownBy(() -> RpcClientOptions.builder(new dev.rpcpool.codec.jsonrpc.JsonRpcCodec()).syncWait(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("syncWait");
        try (RpcClient c = new RpcConnector(net.loops, options).connect(net.address)) {
            assertThat(c.call("Arith.Multiply", new Args(6, 7), Integer.class, T)).isEqualTo(42);
            assertThat(c.call("Sleep.Millis", 20, Integer.class, T)).as("a reply slower than the spin budget").isEqualTo(20);
        }
    }
}
