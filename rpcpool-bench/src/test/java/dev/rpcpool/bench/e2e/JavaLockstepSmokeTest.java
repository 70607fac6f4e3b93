package dev.rpcpool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.transport.EventLoopResources;
import java.io.EOFException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The java-lockstep probe against rpcpool's own server over real sockets, so it cannot rot unnoticed. */
class JavaLockstepSmokeTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @ParameterizedTest
    @ValueSource(strings = {"gob", "json"})
    void bothWorkloadsRunInAClosedLoopWithoutErrors(String codecName) throws Exception {
        Codec codec = codecName.equals("gob") ? GobCodec.create() : new JsonRpcCodec();
        try (EventLoopResources loops = EventLoopResources.create(1);
                RpcServer server = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(codec).build()))) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            for (JavaLockstepClient.Workload w : new JavaLockstepClient.Workload[] {
                    JavaLockstepClient.Workload.of("Arith.Multiply", 0), JavaLockstepClient.Workload.of("Echo.Bytes", 1024)}) {
                ThreadLocal<LockstepConnection> mine = ThreadLocal.withInitial(() -> {
                    try {
                        return new LockstepConnection(addr, codec, TIMEOUT);
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                });
                Map<String, Object> r = ClosedLoop.run(() -> w.callOn(mine.get()), 4, Duration.ofMillis(100),
                        Duration.ofMillis(300), 4);
                assertThat((long) r.get("calls")).as(w.method()).isPositive();
                assertThat(r.get("errors")).as(w.method()).isEqualTo(0L);
                assertThat((double) r.get("cpu_us_per_call")).as(w.method()).isPositive();
            }
        }
    }

    @Test
    void aServerErrorFailsTheCallNamingIt() throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(1);
                RpcServer server = DemoServices.registerAll(new RpcServer(loops,
                        RpcServerOptions.builder(GobCodec.create()).build()))) {
            InetSocketAddress addr = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (LockstepConnection c = new LockstepConnection(addr, GobCodec.create(), TIMEOUT)) {
                assertThatThrownBy(() -> c.call("Arith.Divide", new Args(1, 0), Object.class))
                        .isInstanceOf(IOException.class).hasMessage("Arith.Divide failed on the server: divide by zero");
                assertThat(c.call("Arith.Multiply", new Args(6, 7), Long.class)).isEqualTo(42L); // stream intact
            }
        }
    }

    @Test
    void aServerThatClosesInsteadOfAnsweringFailsTheCallNamingTheMethod() throws Exception {
        try (ServerSocket listener = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            CompletableFuture<Void> hangUp = CompletableFuture.runAsync(() -> {
                try (Socket s = listener.accept()) {
                    s.getInputStream().read(new byte[4096]); // the request (one write) arrived: hang up without a reply
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            InetSocketAddress addr = new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort());
            try (LockstepConnection c = new LockstepConnection(addr, GobCodec.create(), TIMEOUT)) {
                assertThatThrownBy(() -> c.call("Arith.Multiply", new Args(6, 7), Long.class))
                        .isInstanceOf(EOFException.class).hasMessageContaining("Arith.Multiply");
            }
            hangUp.join();
        }
    }
}
