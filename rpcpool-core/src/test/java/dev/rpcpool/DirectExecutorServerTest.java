package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.transport.internal.IoThreads;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link RpcServerOptions.Builder#directExecutor()}: service methods run on the I/O thread that read
 * the request, every call still gets its own reply, and a method that would block on an rpcpool
 * call is answered with an error instead of stalling the thread.
 */
@Timeout(60)
class DirectExecutorServerTest {
    /** {@code Where.Am}: where the method ran. */
    public static final class Where {
        public String am(int ignored) {
            return Thread.currentThread().getName() + (IoThreads.isCurrent() ? " (I/O)" : "");
        }
    }

    private static TestServer directServer() {
        return new TestServer(RpcServerOptions.builder(GobCodec.create()).directExecutor()
                .maxConcurrentRequestsPerConnection(1).build(), 0);
    }

    @Test
    void theOptionIsOffByDefaultAndReplacesAnExecutor() {
        assertThat(RpcServerOptions.builder(GobCodec.create()).build().directExecutor()).isFalse();
        RpcServerOptions direct = RpcServerOptions.builder(GobCodec.create()).executor(Runnable::run).directExecutor().build();
        assertThat(direct.directExecutor()).isTrue();
        assertThat(RpcServerOptions.builder(GobCodec.create()).directExecutor().executor(Runnable::run).build()
                .directExecutor()).as("a later executor(...) wins").isFalse();
    }

    @Test
    void serviceMethodsRunOnTheIoThreadOnlyWhenAskedFor() throws Exception {
        try (TestServer direct = directServer(); TestServer pooled = new TestServer(GobCodec.create())) {
            direct.server.register("Where", new Where());
            pooled.server.register("Where", new Where());
            try (RpcClientPool toDirect = RpcClientPool.builder(direct.hostPort()).build();
                    RpcClientPool toPooled = RpcClientPool.builder(pooled.hostPort()).build()) {
                assertThat(toDirect.call("Where.Am", 0, String.class)).startsWith("rpcpool-io").endsWith("(I/O)");
                assertThat(toPooled.call("Where.Am", 0, String.class)).startsWith("rpcpool-server-").doesNotContain("(I/O)");
            }
        }
    }

    /**
     * 16 threads over 4 pipelined connections, Multiply with distinct arguments and 1 KiB echoes:
     * each reply belongs to its call. With at most one request executing per connection, a direct
     * server must also resume reading after each (it stops at the limit).
     */
    @Test
    void concurrentPipelinedCallsAllGetTheirOwnReplies() throws Exception {
        try (TestServer server = directServer();
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(PoolMode.MULTIPLEXED)
                        .maxConnections(4).maxInFlightPerConnection(8).build()) {
            ExecutorService callers = Executors.newFixedThreadPool(16);
            try {
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 16; t++) {
                    int caller = t;
                    results.add(callers.submit(() -> {
                        int ok = 0;
                        for (int i = 0; i < 400; i++) {
                            if ((i & 1) == 0) {
                                int product = pool.call("Arith.Multiply", new Args(caller + 1, i), Integer.class);
                                assertThat(product).isEqualTo((caller + 1) * i);
                            } else {
                                byte[] payload = new byte[1024];
                                ThreadLocalRandom.current().nextBytes(payload);
                                byte[] echoed = pool.call("Echo.Bytes", payload, byte[].class);
                                assertThat(Arrays.equals(echoed, payload)).as("echo of call %d/%d", caller, i).isTrue();
                            }
                            ok++;
                        }
                        return ok;
                    }));
                }
                for (Future<Integer> f : results) {
                    assertThat(f.get(45, TimeUnit.SECONDS)).isEqualTo(400);
                }
            } finally {
                callers.shutdownNow();
            }
            assertThat(pool.stats().leased()).isZero();
        }
    }

    @Test
    void aBlockingCallInsideADirectMethodIsAnsweredWithAnErrorAndTheServerKeepsServing() throws Exception {
        try (TestServer downstreamServer = new TestServer(GobCodec.create());
                RpcClientPool downstream = RpcClientPool.builder(downstreamServer.hostPort()).build();
                TestServer relayServer = directServer()) {
            relayServer.server.register("Relay", new DirectCallbacksTest.Relay(downstream));
            try (RpcClientPool pool = RpcClientPool.builder(relayServer.hostPort()).build()) {
                assertThatThrownBy(() -> pool.call("Relay.Multiply", new Args(6, 7), Integer.class))
                        .isInstanceOf(ServerErrorException.class)
                        .hasMessageContaining("Arith.Multiply").hasMessageContaining("I/O thread");
                assertThat(pool.call("Arith.Multiply", new Args(6, 7), Integer.class)).isEqualTo(42);
                assertThatThrownBy(() -> pool.call("Arith.Divide", new Args(1, 0), Object.class))
                        .isInstanceOf(ServerErrorException.class).hasMessageContaining("divide by zero");
            }
        }
    }
}
