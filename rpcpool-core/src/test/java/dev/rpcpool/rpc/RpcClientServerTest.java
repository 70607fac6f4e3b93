package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.demo.Args;
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
            assertThat(c.call("Arith.Multiply", new Args(7, 8), Integer.class, T)).isEqualTo(56);
            assertThat(c.call("Arith.Divide", new Args(17, 5), Quotient.class, T)).isEqualTo(new Quotient(3, 2));
            assertThat(c.call("Echo.Echo", "héllo, 世界", String.class, T)).isEqualTo("héllo, 世界");
            byte[] blob = new byte[1024];
            for (int i = 0; i < blob.length; i++) {
                blob[i] = (byte) (i * 7);
            }
            assertThat(c.call("Echo.Bytes", blob, byte[].class, T)).isEqualTo(blob);
            assertThat(c.call("Echo.Nil", 1, List.class, T)).isNull();
            assertThat(c.call("Sleep.Millis", 3, Integer.class, T)).isEqualTo(3);
        }
    }

    @Test
    void serverErrorsCarryGoTextsAndKeepTheConnection() {
        try (RpcClient c = net.connect()) {
            assertThatThrownBy(() -> c.call("Arith.Divide", new Args(1, 0), Quotient.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("divide by zero");
            assertThatThrownBy(() -> c.call("Nope.Multiply", new Args(1, 2), Integer.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("rpc: can't find service Nope.Multiply");
            assertThatThrownBy(() -> c.call("Arith.Nope", new Args(1, 2), Integer.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("rpc: can't find method Arith.Nope");
            assertThatThrownBy(() -> c.call("NoDot", new Args(1, 2), Integer.class, T))
                    .isInstanceOf(ServerErrorException.class).hasMessage("rpc: service/method request ill-formed: NoDot");
            assertThat(c.isActive()).isTrue();
            assertThat(c.call("Arith.Multiply", new Args(2, 3), Integer.class, T)).isEqualTo(6);
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
        net.server.shutdown(Duration.ofMillis(100));
        for (CompletableFuture<Integer> f : calls) {
            assertThatThrownBy(f::join).cause().isInstanceOf(TransportException.class).hasMessageContaining("is shut down");
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
        assertThat(c.isActive()).isFalse();
    }

    @Test
    void connectFailureNamesTheAddress() {
        RpcConnector connector = net.connector;
        java.net.InetSocketAddress nobody = new java.net.InetSocketAddress("127.0.0.1", 1);
        assertThatThrownBy(() -> connector.connect(nobody)).isInstanceOf(ConnectFailedException.class)
                .hasMessageStartingWith("cannot connect to 127.0.0.1:1: ");
    }
}
