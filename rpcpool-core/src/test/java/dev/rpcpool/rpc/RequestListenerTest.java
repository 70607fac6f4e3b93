package dev.rpcpool.rpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** {@link RequestListener}: every request a server answers is reported once, with what the client got. */
class RequestListenerTest {
    private static final Duration T = Duration.ofSeconds(10);

    record Answered(String method, boolean registered, long nanos, String error, String thread) {}

    /** Replies that cannot be sent as they are. */
    public static final class Broken {
        /** A null with no Go type to send its zero as. */
        public Object nothing(int n) {
            return null;
        }

        /** An error with no text, which would read as success on the wire. */
        public int blank(int n) {
            throw new IllegalStateException("");
        }
    }

    @ParameterizedTest(name = "direct={0}")
    @ValueSource(booleans = {false, true})
    void everyAnsweredRequestIsReportedOnceWithTheErrorTheClientGot(boolean direct) {
        List<Answered> answered = new CopyOnWriteArrayList<>();
        RequestListener listener = (method, registered, nanos, error) ->
                answered.add(new Answered(method, registered, nanos, error, Thread.currentThread().getName()));
        RpcServerOptions.Builder options = RpcServerOptions.builder(GobCodec.create()).requestListener(listener);
        if (direct) {
            options.directExecutor();
        }
        try (EventLoopResources loops = EventLoopResources.create(2);
                RpcServer server = DemoServices.registerAll(new RpcServer(loops, options.build()))
                        .register("Broken", new Broken())) {
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClient c = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).build()).connect(a)) {
                assertThat(c.call("Arith.Multiply", new Args(6, 7), Integer.class, T)).isEqualTo(42);
                assertThatThrownBy(() -> c.call("Arith.Divide", new Args(1, 0), Quotient.class, T))
                        .isInstanceOf(ServerErrorException.class);
                assertThatThrownBy(() -> c.call("Arith.Nope", new Args(1, 0), Integer.class, T))
                        .isInstanceOf(ServerErrorException.class);
                assertThatThrownBy(() -> c.call("Arith.Multiply", "not args", Integer.class, T))
                        .isInstanceOf(ServerErrorException.class);
                assertThatThrownBy(() -> c.call("Broken.Nothing", 1, Object.class, T))
                        .isInstanceOf(ServerErrorException.class).hasMessageContaining("cannot encode reply");
                assertThatThrownBy(() -> c.call("Broken.Blank", 1, Integer.class, T))
                        .isInstanceOf(ServerErrorException.class).hasMessage("java.lang.IllegalStateException");
                if (!direct) {
                    assertThat(c.call("Sleep.Millis", 50, Integer.class, T)).isEqualTo(50);
                }
            }
            await().atMost(T).until(() -> answered.size() == (direct ? 6 : 7));
            assertThat(answered).extracting(Answered::method)
                    .startsWith("Arith.Multiply", "Arith.Divide", "Arith.Nope", "Arith.Multiply", "Broken.Nothing");
            assertThat(answered).extracting(Answered::registered).startsWith(true, true, false, true, true);
            assertThat(answered.get(0).error()).isNull();
            assertThat(answered.get(1).error()).isEqualTo("divide by zero");
            assertThat(answered.get(2).error()).startsWith("rpc: can't find method");
            assertThat(answered.get(3).error()).contains("gob");
            assertThat(answered.get(4).error()).startsWith("rpc: cannot encode reply");
            assertThat(answered.get(5).error()).isEqualTo("java.lang.IllegalStateException");
            if (!direct) {
                assertThat(answered.get(6).nanos()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(50));
            }
            assertThat(answered).allSatisfy(x -> assertThat(x.thread()).startsWith("rpcpool-io"));
        }
    }

    @Test
    void underConcurrentCallsEachRequestIsReportedExactlyOnce() {
        Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
        RequestListener listener = (method, registered, nanos, error) -> {
            if (error == null && nanos > 0) {
                counts.computeIfAbsent(method, m -> new AtomicLong()).incrementAndGet();
            }
        };
        try (EventLoopResources loops = EventLoopResources.create(2);
                RpcServer server = DemoServices.registerAll(new RpcServer(loops,
                        RpcServerOptions.builder(GobCodec.create()).requestListener(listener).build()))) {
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            RpcConnector connector = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).build());
            List<CompletableFuture<?>> calls = new ArrayList<>();
            List<RpcClient> clients = new ArrayList<>();
            for (int k = 0; k < 4; k++) {
                RpcClient c = connector.connect(a);
                clients.add(c);
                for (int i = 0; i < 500; i++) {
                    calls.add(c.callAsync("Arith.Multiply", new Args(i, k), Integer.class, T));
                    calls.add(c.callAsync("Echo.Bytes", new byte[] {(byte) i}, byte[].class, T));
                }
            }
            CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).join();
            clients.forEach(RpcClient::close);
            await().atMost(T).until(() -> counts.values().stream().mapToLong(AtomicLong::get).sum() == 4_000);
            assertThat(counts).containsOnlyKeys("Arith.Multiply", "Echo.Bytes");
            assertThat(counts.get("Arith.Multiply")).hasValue(2_000);
            assertThat(counts.get("Echo.Bytes")).hasValue(2_000);
        }
    }

    @Test
    void aListenerThatThrowsChangesNoReply() {
        RequestListener broken = (method, registered, nanos, error) -> {
            throw new IllegalStateException("listener bug");
        };
        try (EventLoopResources loops = EventLoopResources.create(1);
                RpcServer server = DemoServices.registerAll(new RpcServer(loops,
                        RpcServerOptions.builder(GobCodec.create()).requestListener(broken).build()))) {
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClient c = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).build()).connect(a)) {
                assertThat(c.call("Arith.Multiply", new Args(3, 3), Integer.class, T)).isEqualTo(9);
                assertThat(c.call("Arith.Multiply", new Args(3, 4), Integer.class, T)).isEqualTo(12);
            }
        }
    }

    @Test
    void theListenerMayNotBeNull() {
        assertThatThrownBy(() -> RpcServerOptions.builder(GobCodec.create()).requestListener(null))
                .hasMessageContaining("requestListener");
    }
}
