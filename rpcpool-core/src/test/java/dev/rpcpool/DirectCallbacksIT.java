package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.pool.PoolStats;
import dev.rpcpool.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Direct callbacks while connections are reset under load: failures also complete on I/O threads,
 * in the middle of a connection's shutdown, and the calls chained from them must neither hang, nor
 * get another call's reply, nor leak a lease; the pool recovers by itself.
 */
@Timeout(120)
class DirectCallbacksIT {
    private static final int CHAINS = 32;
    private static final int RESETS = 4;
    private static final Duration BETWEEN_RESETS = Duration.ofMillis(600);

    @ParameterizedTest
    @EnumSource(PoolMode.class)
    void chainsSurviveConnectionResetsWithEveryCallCompletedOnceAndNothingLeaked(PoolMode mode) throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort()).mode(mode)
                        .maxConnections(4).maxInFlightPerConnection(8).callTimeout(Duration.ofSeconds(5))
                        .connectBackoff(Duration.ofMillis(20), Duration.ofMillis(100))
                        .directCallbacks().build()) {
            Tally tally = new Tally();
            AtomicLong stopAt = new AtomicLong(Long.MAX_VALUE);
            List<CompletableFuture<Void>> chains = new ArrayList<>();
            List<Chain> all = new ArrayList<>();
            for (int c = 1; c <= CHAINS; c++) {
                Chain chain = new Chain(pool, c, tally, stopAt);
                chains.add(chain.done);
                all.add(chain);
                chain.next();
            }
            for (int i = 0; i < RESETS; i++) {
                Thread.sleep(BETWEEN_RESETS.toMillis());
                proxy.resetAll();
            }
            long okBeforeCalm = tally.ok.sum();
            Thread.sleep(BETWEEN_RESETS.toMillis()); // a calm spell: the pool must recover by itself
            stopAt.set(System.nanoTime());
            try {
                CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                StringBuilder why = new StringBuilder("chains still running 30 s after the stop: ");
                for (int c = 0; c < CHAINS; c++) {
                    if (!chains.get(c).isDone()) {
                        why.append(c + 1).append(" (last call ").append(all.get(c).last).append(") ");
                    }
                }
                why.append("\npool: ").append(pool).append("\nconnections: ").append(pool.connections());
                Thread.getAllStackTraces().forEach((t, stack) -> {
                    if (t.getName().startsWith("rpcpool")) {
                        why.append("\n").append(t.getName()).append(' ').append(t.getState());
                        for (int k = 0; k < Math.min(12, stack.length); k++) {
                            why.append("\n    at ").append(stack[k]);
                        }
                    }
                });
                throw new AssertionError(why.toString(), e);
            }

            assertThat(tally.wrongReplies).as("replies delivered to the wrong call").hasValue(0);
            assertThat(tally.unexpected).as("failures other than the library's own, by type").isEmpty();
            assertThat(tally.failed.sum()).as("the resets failed some calls in flight").isPositive();
            assertThat(tally.ok.sum() - okBeforeCalm).as("calls succeeding after the last reset").isPositive();
            PoolStats stats = pool.stats();
            assertThat(stats.leased()).as("leases leaked").isZero();
            assertThat(stats.pendingWaiters()).isZero();
            assertThat(stats.open() + stats.opening()).isLessThanOrEqualTo(4);
        }
    }

    private static final class Tally {
        final LongAdder ok = new LongAdder();
        final LongAdder failed = new LongAdder();
        final AtomicLong wrongReplies = new AtomicLong();
        final Map<String, Throwable> unexpected = new ConcurrentHashMap<>();
    }

    /** One caller: the next call starts from the previous one's callback, whatever its outcome. */
    private static final class Chain {
        final CompletableFuture<Void> done = new CompletableFuture<>();
        private final RpcClientPool pool;
        private final int id;
        private final Tally tally;
        private final AtomicLong stopAt;
        private int i;
        volatile CompletableFuture<Integer> last;

        Chain(RpcClientPool pool, int id, Tally tally, AtomicLong stopAt) {
            this.pool = pool;
            this.id = id;
            this.tally = tally;
            this.stopAt = stopAt;
        }

        void next() {
            // a loop while calls complete at once (a connect backing off fails them synchronously),
            // so that the stack does not grow with the number of calls
            while (System.nanoTime() - stopAt.get() < 0) {
                int n = ++i;
                CompletableFuture<Integer> f = pool.callAsync("Arith.Multiply", new Args(id, n), Integer.class);
                last = f;
                if (!f.isDone()) {
                    f.whenComplete((product, error) -> {
                        try {
                            record(n, product, error);
                            next();
                        } catch (Throwable t) { // would otherwise end the chain silently
                            done.completeExceptionally(t);
                        }
                    });
                    return;
                }
                boolean failed = f.isCompletedExceptionally(); // getNow would throw then
                record(n, failed ? null : f.getNow(null), failed ? cause(f) : null);
            }
            done.complete(null);
        }

        private void record(int n, Integer product, Throwable error) {
            if (error == null) {
                tally.ok.increment();
                if (product != id * n) {
                    tally.wrongReplies.incrementAndGet();
                }
                return;
            }
            tally.failed.increment();
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (!(cause instanceof RpcPoolException)) {
                tally.unexpected.putIfAbsent(cause.getClass().getName(), cause);
            }
        }

        private static Throwable cause(CompletableFuture<?> f) {
            try {
                f.join();
                return null;
            } catch (CompletionException e) {
                return e;
            }
        }
    }
}
