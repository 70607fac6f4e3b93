package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.pool.PoolClosedException;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.pool.PoolStats;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RpcClientPool.Builder#directCallbacks()}: callbacks run on the I/O thread, calls chained
 * from them never block it (even with every connection busy), and blocking calls there are refused.
 */
@Timeout(60)
class DirectCallbacksTest {
    private static final int CHAINS = 16;
    private static final int CALLS_PER_CHAIN = 300;

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void callsChainedFromIoThreadCallbacksAllCompleteWithTheirOwnRepliesWithinTheCap(PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(mode)
                        .maxConnections(2).maxInFlightPerConnection(3).callTimeout(Duration.ofSeconds(20))
                        .directCallbacks().build()) {
            Set<String> callbackThreads = ConcurrentHashMap.newKeySet();
            AtomicInteger wrongReplies = new AtomicInteger();
            AtomicInteger peakOpen = new AtomicInteger();
            List<CompletableFuture<Integer>> chains = new ArrayList<>();
            for (int c = 1; c <= CHAINS; c++) {
                CompletableFuture<Integer> done = new CompletableFuture<>();
                chain(pool, c, 0, done, callbackThreads, wrongReplies, peakOpen);
                chains.add(done);
            }
            CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(45, TimeUnit.SECONDS);

            assertThat(chains).allSatisfy(f -> assertThat(f.join()).isEqualTo(CALLS_PER_CHAIN));
            assertThat(wrongReplies).as("replies matched to the wrong call").hasValue(0);
            // the I/O thread that read the reply, or (a reply already there) the thread that made the call
            assertThat(callbackThreads).anySatisfy(name -> assertThat(name).startsWith("rpcpool-io"))
                    .noneSatisfy(name -> assertThat(name).contains("ForkJoinPool"));
            assertThat(peakOpen.get()).isLessThanOrEqualTo(2);
            PoolStats stats = pool.stats();
            assertThat(stats.leased()).as("no lease leaked").isZero();
            assertThat(stats.pendingWaiters()).isZero();
            assertThat(stats.open()).isLessThanOrEqualTo(2);
        }
    }

    /** One caller: {@code Arith.Multiply(chain, i)} after {@code Arith.Multiply(chain, i - 1)}, from its callback. */
    private static void chain(RpcClientPool pool, int chain, int i, CompletableFuture<Integer> done,
            Set<String> callbackThreads, AtomicInteger wrongReplies, AtomicInteger peakOpen) {
        if (i == CALLS_PER_CHAIN) {
            done.complete(i);
            return;
        }
        pool.callAsync("Arith.Multiply", new Args(chain, i), Integer.class).whenComplete((product, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
                return;
            }
            callbackThreads.add(Thread.currentThread().getName());
            if (product != chain * i) {
                wrongReplies.incrementAndGet();
            }
            PoolStats s = pool.stats();
            peakOpen.accumulateAndGet(s.open() + s.opening(), Math::max);
            chain(pool, chain, i + 1, done, callbackThreads, wrongReplies, peakOpen);
        });
    }

    /**
     * On an I/O thread, as in a direct callback (made explicitly: a callback attached after its
     * reply arrived would run on the test thread, where blocking is allowed).
     */
    @Test
    void aBlockingCallOnAnIoThreadIsRefusedWithAReason() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).directCallbacks().build()) {
            Future<Integer> nested = server.loops.group().next()
                    .submit(() -> pool.call("Arith.Multiply", new Args(6, 7), Integer.class));
            assertThatThrownBy(() -> nested.get(10, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("Arith.Multiply")
                    .hasMessageContaining("I/O thread")
                    .hasMessageContaining("use callAsync");
            assertThat(pool.stats().leased()).isZero();
        }
    }

    /** A service that calls another server with a blocking call: common, and not on an I/O thread. */
    public static final class Relay {
        private final RpcClientPool downstream;

        Relay(RpcClientPool downstream) {
            this.downstream = downstream;
        }

        public int multiply(Args args) {
            return downstream.call("Arith.Multiply", args, Integer.class);
        }
    }

    @Test
    void aServiceMethodMayMakeBlockingCallsSinceItDoesNotRunOnAnIoThread() throws Exception {
        try (TestServer downstreamServer = new TestServer(GobCodec.create());
                RpcClientPool downstream = RpcClientPool.builder(downstreamServer.hostPort()).build();
                TestServer relayServer = new TestServer(GobCodec.create())) {
            relayServer.server.register("Relay", new Relay(downstream));
            try (RpcClientPool pool = RpcClientPool.builder(relayServer.hostPort()).directCallbacks().build()) {
                assertThat(pool.callAsync("Relay.Multiply", new Args(6, 7), Integer.class).get(10, TimeUnit.SECONDS))
                        .isEqualTo(42);
            }
        }
    }

    /** Exclusive, one connection, direct callbacks: a single long call makes every other call wait. */
    private static RpcClientPool oneConnection(TestServer server) {
        return RpcClientPool.builder(server.hostPort()).mode(PoolMode.EXCLUSIVE)
                .maxConnections(1).callTimeout(Duration.ofSeconds(30)).directCallbacks().build();
    }

    /** Leases the pool's only connection to a call the server answers after {@code millis}. */
    private static CompletableFuture<Long> holdTheOnlyConnection(RpcClientPool busy, int millis) {
        CompletableFuture<Long> holder = busy.callAsync("Delay.Echo", new TestServer.Delayed(1, millis), Long.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> busy.stats().leased() == 1);
        return holder;
    }

    /**
     * The chained call is made on an I/O thread explicitly: chained from a reply's callback, it
     * would run on the test thread whenever that reply arrived before the callback was attached
     * (with directCallbacks a completed future runs it at once), and there it would block.
     */
    @Test
    void aCallMadeOnAnIoThreadWaitingForABusyConnectionWaitsOffThatThreadAndFailsAtOnceWhenThePoolCloses()
            throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool busy = oneConnection(server)) {
            CompletableFuture<Long> holder = holdTheOnlyConnection(busy, 20_000);
            EventLoop ioThread = server.loops.group().next();
            CompletableFuture<Integer> chained = ioThread.submit(
                    () -> busy.callAsync("Arith.Multiply", new Args(6, 7), Integer.class)).get(10, TimeUnit.SECONDS);
            // the I/O thread is free meanwhile: it runs other work, and the server it serves answers
            assertThat(ioThread.submit(() -> Thread.currentThread().getName()).get(10, TimeUnit.SECONDS))
                    .startsWith("rpcpool-io");
            try (RpcClientPool other = RpcClientPool.builder(server.hostPort()).build()) {
                assertThat(other.call("Arith.Multiply", new Args(4, 5), Integer.class)).isEqualTo(20);
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.stats().pendingWaiters() == 1);
            assertThat(chained).as("waits for the busy connection").isNotDone();

            long t0 = System.nanoTime();
            busy.close();
            assertThatThrownBy(() -> chained.get(10, TimeUnit.SECONDS))
                    .cause().isInstanceOf(PoolClosedException.class);
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
            holder.cancel(false);
        }
    }

    /**
     * Calls made on an I/O thread that must wait for a connection queue for the pool's acquire
     * threads (one here, as the cap is 1). One waiting for its 5 s deadline must not hold back the
     * 300 ms ones behind it: each fails at its own deadline (without the timer: after ~5 s).
     */
    @Test
    void queuedCallsFailAtTheirOwnDeadlineNotBehindEarlierOnes() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool busy = oneConnection(server)) {
            CompletableFuture<Long> holder = holdTheOnlyConnection(busy, 20_000);
            CompletableFuture<CompletableFuture<Integer>> longOne = new CompletableFuture<>();
            // published only when all three are made, so this thread never reads a list being filled
            CompletableFuture<List<CompletableFuture<Integer>>> shortOnes = new CompletableFuture<>();
            long t0 = System.nanoTime();
            server.loops.group().next().execute(() -> { // an rpcpool I/O thread
                longOne.complete(busy.callAsync("Arith.Multiply", new Args(1, 2), Integer.class, Duration.ofSeconds(5)));
                List<CompletableFuture<Integer>> made = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    made.add(busy.callAsync("Arith.Multiply", new Args(3, i), Integer.class, Duration.ofMillis(300)));
                }
                shortOnes.complete(made);
            });
            for (CompletableFuture<Integer> f : shortOnes.get(10, TimeUnit.SECONDS)) {
                assertThatThrownBy(() -> f.get(10, TimeUnit.SECONDS)).cause().isInstanceOf(PoolTimeoutException.class)
                        .hasMessageContaining("waiting for a connection from pool '" + server.hostPort() + "'");
            }
            assertThat(Duration.ofNanos(System.nanoTime() - t0)).as("the 300 ms calls ended by").isLessThan(Duration.ofMillis(2_500));
            assertThat(longOne.get()).as("the 5 s call still waits").isNotDone();
            holder.cancel(false);
        }
    }

    /** A call cancelled while it waits (on an acquire thread) for a connection is never sent. */
    @Test
    void aCallCancelledWhileWaitingForAConnectionIsNeverSent() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool busy = oneConnection(server)) {
            CompletableFuture<Long> holder = holdTheOnlyConnection(busy, 3_000);
            CompletableFuture<CompletableFuture<Integer>> queued = new CompletableFuture<>();
            server.loops.group().next().execute(() ->
                    queued.complete(busy.callAsync("Counter.Inc", 0, Integer.class, Duration.ofSeconds(20))));
            await().atMost(Duration.ofSeconds(10)).until(() -> busy.stats().pendingWaiters() == 1);
            assertThat(queued.get().cancel(false)).isTrue();
            // queued behind the cancelled call (the pool's waiters are served in order): if that
            // call had been sent, this one would count 2
            assertThat(busy.call("Counter.Inc", 0, Integer.class)).isEqualTo(1);
            assertThat(holder.get(10, TimeUnit.SECONDS)).isEqualTo(1L);
            assertThat(busy.stats().leased()).isZero();
        }
    }
}
