package dev.rpcpool.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A server's I/O thread is told, through its {@link IoWakeHint}, exactly while requests of its
 * connections run on workers (so an idle thread polls for their replies instead of sleeping), and
 * the count goes back to zero on every path: replied, refused by the executor, many at once. A count
 * left above zero would keep the thread polling after every event for good.
 */
@Timeout(60)
class ServerWorkerWakeHintTest {
    /** {@code Gate.Hold}: waits until the test opens the gate, then returns its argument. */
    public static final class Gate {
        final CountDownLatch entered;
        final CountDownLatch open = new CountDownLatch(1);

        Gate(int callers) {
            entered = new CountDownLatch(callers);
        }

        public int hold(int x) throws InterruptedException {
            entered.countDown();
            assertThat(open.await(30, TimeUnit.SECONDS)).isTrue();
            return x;
        }
    }

    /** {@code Probe.Hint}: whether the hint of the thread the method runs on says work is expected. */
    public static final class Probe {
        public boolean hint(int ignored) {
            IoWakeHint hint = IoThreads.wakeHintOfCurrent();
            return hint != null && hint.requestExpected(System.nanoTime(), 0);
        }
    }

    /** Whether the server's one I/O thread expects work now, asked on that thread. */
    private static boolean serverThreadExpectsWork(EventLoopResources serverLoops) throws Exception {
        return serverLoops.group().next()
                .submit(() -> IoThreads.wakeHintOfCurrent().requestExpected(System.nanoTime(), 0)).get();
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getHostString() + ":" + a.getPort();
    }

    @Test
    void theHintIsHeldWhileRequestsRunOnWorkersAndReleasedWhenTheyAreAnswered() throws Exception {
        int callers = 20;
        Gate gate = new Gate(callers);
        try (EventLoopResources serverLoops = EventLoopResources.create(1)) {
            RpcServer server = new RpcServer(serverLoops, RpcServerOptions.builder(GobCodec.create()).build())
                    .register("Gate", gate);
            InetSocketAddress address = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClientPool pool = RpcClientPool.builder(hostPort(address)).maxConnections(4).build()) {
                assertThat(serverThreadExpectsWork(serverLoops)).as("before any request").isFalse();
                List<CompletableFuture<Integer>> replies = new ArrayList<>();
                for (int i = 0; i < callers; i++) {
                    replies.add(pool.callAsync("Gate.Hold", i, Integer.class));
                }
                assertThat(gate.entered.await(30, TimeUnit.SECONDS)).isTrue();
                assertThat(serverThreadExpectsWork(serverLoops)).as("while %d requests run on workers", callers).isTrue();
                gate.open.countDown();
                for (int i = 0; i < callers; i++) {
                    assertThat(replies.get(i).get(30, TimeUnit.SECONDS)).isEqualTo(i);
                }
                // each reply is written by the task that also ends its count: every count has ended
                assertThat(serverThreadExpectsWork(serverLoops)).as("after every reply").isFalse();
            } finally {
                server.shutdown(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aRequestTheExecutorRefusesGivesTheHintBack() throws Exception {
        try (EventLoopResources serverLoops = EventLoopResources.create(1)) {
            RpcServer server = new RpcServer(serverLoops, RpcServerOptions.builder(GobCodec.create())
                    .executor(task -> {
                        throw new RejectedExecutionException("full");
                    }).build()).register("Probe", new Probe());
            InetSocketAddress address = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClientPool pool = RpcClientPool.builder(hostPort(address)).build()) {
                assertThatThrownBy(() -> pool.call("Probe.Hint", 0, Boolean.class)).hasMessageContaining("shutting down");
                assertThat(serverThreadExpectsWork(serverLoops)).isFalse();
            } finally {
                server.shutdown(Duration.ofSeconds(5));
            }
        }
    }

    @Test
    void aDirectServerNeverTellsTheHint() throws Exception {
        try (EventLoopResources serverLoops = EventLoopResources.create(1)) {
            RpcServer server = new RpcServer(serverLoops, RpcServerOptions.builder(GobCodec.create())
                    .directExecutor().build()).register("Probe", new Probe());
            InetSocketAddress address = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClientPool pool = RpcClientPool.builder(hostPort(address)).build()) {
                // the method runs on the I/O thread itself: nothing runs elsewhere to wait for
                assertThat(pool.call("Probe.Hint", 0, Boolean.class)).isFalse();
            } finally {
                server.shutdown(Duration.ofSeconds(5));
            }
        }
    }
}
