package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.transport.EventLoopResources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** RpcServer: Go's wire behaviour, limits, bad input, shutdown, registration rules. */
class RpcServerTest {
    private static final Duration T = Duration.ofSeconds(20);

    @Test
    void badInputClosesOnlyTheOffendingConnection() throws Exception {
        try (JsonRpcLoopback net = new JsonRpcLoopback(); RpcClient good = net.connect()) {
            for (String bad : List.of("{\"method\":]\n", "[1,2]\n",
                    "{\"method\":\"Arith.Multiply\",\"params\":{\"A\":1},\"id\":1}\n", "{\"method\":7}\n")) {
                try (RawSocket raw = new RawSocket(net.address)) {
                    raw.send(bad);
                    assertThat(raw.readToEof()).as(bad).isEmpty();
                }
            }
            assertThat(good.call("Arith.Multiply", new Args(2, 21), Integer.class, T)).isEqualTo(42);
        }
    }

    @Test
    void oversizedMessageLimitIsConfigurable() throws Exception {
        try (JsonRpcLoopback net = new JsonRpcLoopback(s -> s.maxMessageBytes(100_000), c -> c)) {
            try (RawSocket raw = new RawSocket(net.address)) {
                raw.send("{\"method\":\"Echo.Echo\",\"params\":[\"" + "x".repeat(100_001) + "\"],\"id\":1}");
                assertThat(raw.readToEof()).isEmpty();
            }
        }
    }

    @Test
    void wellFormedButWrongRequestsAreAnsweredAndTheConnectionKept() throws Exception {
        try (JsonRpcLoopback net = new JsonRpcLoopback(); RawSocket raw = new RawSocket(net.address)) {
            raw.send("{\"method\":\"Arith.Multiply\",\"id\":\"a\"}\n");
            assertThat(raw.readLine()).isEqualTo("{\"id\":\"a\",\"result\":null,\"error\":\"jsonrpc: request body missing params\"}");
            raw.send("{\"method\":\"Nope.X\",\"params\":[1],\"id\":{\"k\":1}}\n");
            assertThat(raw.readLine()).isEqualTo("{\"id\":{\"k\":1},\"result\":null,\"error\":\"rpc: can't find service Nope.X\"}");
            raw.send("{\"method\":\"Arith.Multiply\",\"params\":[{\"a\":6,\"b\":7}],\"id\":null}\n");
            assertThat(raw.readLine()).isEqualTo("{\"id\":null,\"result\":42,\"error\":null}");
        }
    }

    @Test
    void requestsOfOneConnectionRunConcurrentlyUpToTheLimit() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        CountDownLatch twoRunning = new CountDownLatch(2);
        Object gauge = new Object() {
            @SuppressWarnings("unused")
            public int hold(int ms) throws InterruptedException {
                int now = running.incrementAndGet();
                maxSeen.accumulateAndGet(now, Math::max);
                twoRunning.countDown();
                twoRunning.await(10, TimeUnit.SECONDS); // the first two overlap for sure
                Thread.sleep(ms);
                running.decrementAndGet();
                return ms;
            }
        };
        try (JsonRpcLoopback net = new JsonRpcLoopback(s -> s.maxConcurrentRequestsPerConnection(2), c -> c);
                RpcClient c = net.connect()) {
            net.server.register("Gauge", gauge);
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                calls.add(c.callAsync("Gauge.Hold", 5, Integer.class, T));
            }
            calls.forEach(f -> assertThat(f.join()).isEqualTo(5));
            assertThat(maxSeen.get()).isEqualTo(2);
        }
    }

    @Test
    void serviceMethodsRunOnTheCallersExecutorWhenGivenOne() {
        java.util.concurrent.ExecutorService mine = java.util.concurrent.Executors.newFixedThreadPool(2, r -> new Thread(r, "my-worker"));
        Object whoAmI = new Object() {
            @SuppressWarnings("unused")
            public String name(int ignored) {
                return Thread.currentThread().getName();
            }
        };
        try (JsonRpcLoopback net = new JsonRpcLoopback(s -> s.executor(mine), c -> c); RpcClient c = net.connect()) {
            net.server.register("Who", whoAmI);
            assertThat(c.call("Who.Name", 0, String.class, T)).isEqualTo("my-worker");
        } finally {
            assertThat(mine.isShutdown()).as("the server must not shut down an executor it does not own").isFalse();
            mine.shutdownNow();
        }
    }

    @Test
    void aClientThatDoesNotReadItsRepliesIsNotServedWithoutBound() throws Exception {
        AtomicInteger served = new AtomicInteger();
        String big = "x".repeat(64 * 1024);
        Object bigReplies = new Object() {
            @SuppressWarnings("unused")
            public String big(int i) {
                served.incrementAndGet();
                return big;
            }
        };
        int requests = 400;
        try (JsonRpcLoopback net = new JsonRpcLoopback(s -> s.maxConcurrentRequestsPerConnection(4), c -> c);
                java.net.Socket raw = new java.net.Socket()) {
            net.server.register("Big", bigReplies);
            raw.setReceiveBufferSize(4096);
            raw.connect(net.address);
            Thread writer = new Thread(() -> {
                try {
                    for (int i = 0; i < requests; i++) {
                        raw.getOutputStream().write(("{\"method\":\"Big.Big\",\"params\":[" + i + "],\"id\":" + i + "}\n")
                                .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                    }
                } catch (java.io.IOException e) {
                    // the test fails below if the requests did not all go out
                }
            });
            writer.start();
            // the server stops reading once its replies back up: the count levels off far below the total
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(300))
                    .until(served::get, new org.hamcrest.BaseMatcher<Integer>() {
                        private int last = -1;

                        @Override
                        public boolean matches(Object actual) {
                            boolean steady = (Integer) actual == last && last > 0;
                            last = (Integer) actual;
                            return steady;
                        }

                        @Override
                        public void describeTo(org.hamcrest.Description d) {
                            d.appendText("a count that stopped growing");
                        }
                    });
            assertThat(served.get()).isLessThan(requests / 2);
            // reading the replies lets the server resume; every request is answered in the end
            java.io.InputStream in = raw.getInputStream();
            long newlines = 0;
            byte[] chunk = new byte[1 << 16];
            while (newlines < requests) {
                int n = in.read(chunk);
                assertThat(n).isPositive();
                for (int i = 0; i < n; i++) {
                    if (chunk[i] == '\n') {
                        newlines++;
                    }
                }
            }
            writer.join(10_000);
            assertThat(served.get()).isEqualTo(requests);
        }
    }

    @Test
    void connectionsBeyondMaxConnectionsAreClosed() throws Exception {
        try (JsonRpcLoopback net = new JsonRpcLoopback(s -> s.maxConnections(1), c -> c); RpcClient first = net.connect()) {
            assertThat(first.call("Arith.Multiply", new Args(1, 2), Integer.class, T)).isEqualTo(2);
            try (RawSocket second = new RawSocket(net.address)) {
                assertThat(second.readToEof()).isEmpty();
            }
            assertThat(first.call("Arith.Multiply", new Args(2, 2), Integer.class, T)).isEqualTo(4);
        }
    }

    @Test
    void gracefulShutdownFinishesInFlightRequests() {
        JsonRpcLoopback net = new JsonRpcLoopback();
        try (RpcClient c = net.connect()) {
            CompletableFuture<Integer> inFlight = c.callAsync("Sleep.Millis", 300, Integer.class, T);
            assertThat(c.call("Arith.Multiply", new Args(1, 1), Integer.class, T)).isEqualTo(1); // the sleep has started
            assertThat(net.server.shutdown(Duration.ofSeconds(20))).isTrue();
            assertThat(inFlight.join()).isEqualTo(300);
            assertThatThrownBy(() -> net.connector.connect(net.address)).isInstanceOf(ConnectFailedException.class);
        } finally {
            net.close();
        }
    }

    @Test
    void closingTheServerAfterItsEventLoopsDoesNotHang() {
        JsonRpcLoopback net = new JsonRpcLoopback();
        RpcClient c = net.connect();
        assertThat(c.call("Arith.Multiply", new Args(2, 2), Integer.class, T)).isEqualTo(4);
        net.loops.close();
        net.server.close();
        assertThat(c.isActive()).isFalse();
        assertThatThrownBy(() -> c.call("Arith.Multiply", new Args(2, 2), Integer.class, T))
                .isInstanceOf(TransportException.class);
    }

    @Test
    void httpConnectModeWorksBothWaysAndOtherMethodsGetGos405() throws Exception {
        try (JsonRpcLoopback net = new JsonRpcLoopback(s -> s.http(), c -> c.http()); RpcClient c = net.connect()) {
            assertThat(c.call("Arith.Multiply", new Args(6, 7), Integer.class, T)).isEqualTo(42);
            try (RawSocket raw = new RawSocket(net.address)) {
                String answer = raw.send("GET /_goRPC_ HTTP/1.0\r\n\r\n").readToEof();
                assertThat(answer).startsWith("HTTP/1.0 405 Method Not Allowed\r\n").endsWith("\r\n\r\n405 must CONNECT\n");
            }
            try (RawSocket raw = new RawSocket(net.address)) {
                raw.send("CONNECT /_goRPC_ HTTP/1.0\n\n{\"method\":\"Arith.Multiply\",\"params\":[{\"A\":2,\"B\":3}],\"id\":7}\n");
                assertThat(raw.readLine()).isEqualTo("HTTP/1.0 200 Connected to Go RPC");
                assertThat(raw.readLine()).isEmpty();
                assertThat(raw.readLine()).isEqualTo("{\"id\":7,\"result\":6,\"error\":null}");
            }
            RpcConnector plain = new RpcConnector(net.loops, RpcClientOptions.builder(new JsonRpcCodec()).httpPath("/other").build());
            assertThatThrownBy(() -> plain.connect(net.address)).isInstanceOf(ConnectFailedException.class)
                    .hasMessageEndingWith("unexpected HTTP response: 404 Not Found");
        }
    }

    @Test
    void registrationRejectsUnusableMethodsWithAClearMessage() {
        try (EventLoopResources loops = EventLoopResources.create(1)) {
            RpcServer server = new RpcServer(loops, RpcServerOptions.builder(new JsonRpcCodec()).build());
            assertThatThrownBy(() -> server.register("Two", new TwoArgs())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("TwoArgs.add(int, int)").hasMessageContaining("exactly one argument");
            assertThatThrownBy(() -> server.register("Void", new ReturnsVoid())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("return the reply");
            assertThatThrownBy(() -> server.register("Over", new Overloaded())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("Over.Get");
            assertThatThrownBy(() -> server.register("Empty", new Object())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("no public methods");
            server.register("Ok", new Overloaded.Single());
            assertThatThrownBy(() -> server.register("Ok", new Overloaded.Single())).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("rpc: service already defined: Ok");
            server.close();
        }
    }

    public static final class TwoArgs {
        public int add(int a, int b) {
            return a + b;
        }
    }

    public static final class ReturnsVoid {
        public void run(int a) {}
    }

    public static final class Overloaded {
        public int get(int a) {
            return a;
        }

        public String get(String s) {
            return s;
        }

        public static final class Single {
            public int get(int a) {
                return a;
            }
        }
    }
}
