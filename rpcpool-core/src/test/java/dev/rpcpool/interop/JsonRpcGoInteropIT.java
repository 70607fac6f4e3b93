package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ConnectFailedException;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** rpcpool against real Go net/rpc jsonrpc peers, both directions. */
class JsonRpcGoInteropIT {
    private static final Duration T = Duration.ofSeconds(20);
    private static EventLoopResources loops;
    private static RpcConnector connector;

    @BeforeAll
    static void setUp() {
        loops = EventLoopResources.create(2);
        connector = new RpcConnector(loops, RpcClientOptions.builder(new JsonRpcCodec()).build());
    }

    @AfterAll
    static void tearDown() {
        loops.close();
    }

    private static RpcClient connect(GoProcess server) {
        return connector.connect(server.address());
    }

    @Test
    void javaClientCallsEveryGoMethod() {
        try (GoProcess go = GoProcess.startServer("-codec", "json"); RpcClient c = connect(go)) {
            DemoServiceChecks.everyMethodAnswersLikeGo(c);
        }
    }

    @Test
    void goServerErrorsArriveWithGoTextsAndKeepTheConnection() {
        try (GoProcess go = GoProcess.startServer("-codec", "json"); RpcClient c = connect(go)) {
            DemoServiceChecks.serverErrorsCarryGoTextsAndKeepTheConnection(c);
        }
    }

    @Test
    void sixtyFourConcurrentCallsOnOneConnectionCompleteOutOfOrderWithTheirOwnReplies() {
        try (GoProcess go = GoProcess.startServer("-codec", "json"); RpcClient c = connect(go)) {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            List<Integer> issued = new ArrayList<>();
            List<Integer> completionOrder = java.util.Collections.synchronizedList(new ArrayList<>());
            for (int i = 0; i < 64; i++) {
                int ms = ((64 - i) % 16) * 5;
                issued.add(ms);
                calls.add(c.callAsync("Sleep.Millis", ms, Integer.class, T).whenComplete((r, e) -> completionOrder.add(r)));
            }
            for (int i = 0; i < 64; i++) {
                assertThat(calls.get(i).join()).isEqualTo(((64 - i) % 16) * 5);
            }
            assertThat(completionOrder).hasSize(64).isNotEqualTo(issued);
            assertThat(c.inFlight()).isZero();
        }
    }

    @Test
    void timedOutCallsLateReplyFromGoIsDiscarded() {
        try (GoProcess go = GoProcess.startServer("-codec", "json"); RpcClient c = connect(go)) {
            CompletableFuture<Integer> slow = c.callAsync("Sleep.Millis", 300, Integer.class, Duration.ofMillis(50));
            assertThatThrownBy(slow::join).isInstanceOf(CompletionException.class)
                    .cause().isInstanceOf(CallTimeoutException.class)
                    .hasMessage("call Sleep.Millis to " + go.hostPort() + " timed out after 50 ms");
            // pending while the late reply to the timed-out call arrives
            assertThat(c.call("Sleep.Millis", 450, Integer.class, T)).isEqualTo(450);
            assertThat(c.call("Arith.Multiply", new Args(6, 7), Integer.class, T)).isEqualTo(42);
            assertThat(c.inFlight()).isZero();
        }
    }

    @Test
    void killingTheGoServerMidCallFailsEveryPendingCallFast() {
        GoProcess go = GoProcess.startServer("-codec", "json");
        RpcClient c = connect(go);
        try {
            List<CompletableFuture<Integer>> calls = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                calls.add(c.callAsync("Sleep.Millis", 30_000, Integer.class, Duration.ofSeconds(60)));
            }
            assertThat(c.call("Arith.Multiply", new Args(1, 1), Integer.class, T)).isEqualTo(1); // all written
            long start = System.nanoTime();
            go.kill();
            for (CompletableFuture<Integer> f : calls) {
                assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class)
                        .hasMessageStartingWith("connection to " + go.hostPort() + " is shut down: ")
                        .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isFalse());
            }
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
            assertThatThrownBy(() -> c.call("Arith.Multiply", new Args(1, 1), Integer.class, T))
                    .isInstanceOf(TransportException.class).hasMessageContaining("is shut down")
                    .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isTrue());
        } finally {
            c.close();
            go.close();
        }
    }

    @Test
    void goClientPassesAllChecksAgainstJavaServer() throws Exception {
        try (RpcServer server = DemoServices.registerAll(
                new RpcServer(loops, RpcServerOptions.builder(new JsonRpcCodec()).build()))) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (GoProcess client = GoProcess.startProgram("goclient", "-addr", "127.0.0.1:" + addr.getPort(), "-codec", "json")) {
                assertThat(client.waitFor(Duration.ofSeconds(60))).as(client.output()).isZero();
                // the output pump may not have read the last line when the process exit is seen
                org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
                        .untilAsserted(() -> assertThat(client.output()).contains("OK 9 checks"));
            }
        }
    }

    @Test
    void httpConnectHandshakeSucceedsAgainstGosHandleHttp() {
        // goserver -http serves gob only; the handshake itself is codec-independent
        RpcConnector http = new RpcConnector(loops, RpcClientOptions.builder(new JsonRpcCodec()).http().build());
        try (GoProcess go = GoProcess.startServer("-codec", "gob", "-http"); RpcClient c = http.connect(go.address())) {
            assertThat(c.isActive()).isTrue();
        }
    }

    @Test
    void httpConnectToAWrongPathFailsWithGosStatus() {
        RpcConnector http = new RpcConnector(loops, RpcClientOptions.builder(new JsonRpcCodec()).httpPath("/nope").build());
        try (GoProcess go = GoProcess.startServer("-codec", "gob", "-http")) {
            assertThatThrownBy(() -> http.connect(go.address())).isInstanceOf(ConnectFailedException.class)
                    .hasMessage("cannot connect to " + go.hostPort() + ": unexpected HTTP response: 404 Not Found");
        }
    }
}
