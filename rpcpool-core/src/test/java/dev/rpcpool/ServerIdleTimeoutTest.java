package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.pool.CloseReason;
import dev.rpcpool.pool.PoolListener;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcClientPool.Builder#serverIdleTimeout}: its margin and checks, and that the pool closes a
 * connection quiet past the limit instead of handing it out, but never one with a call in flight.
 * The server-side race it prevents is {@code IdleCloseIT}'s.
 */
class ServerIdleTimeoutTest {
    private final List<CloseReason> closes = new CopyOnWriteArrayList<>();
    private final PoolListener recordCloses = new PoolListener() {
        @Override
        public void connectionClosed(String pool, long connectionId, CloseReason reason) {
            closes.add(reason);
        }
    };

    @Test
    void theMarginIsHalfTheTimeoutUpToOneSecond() {
        assertThat(RpcClientPool.quietLimit(Duration.ofMillis(30))).isEqualTo(Duration.ofMillis(15));
        assertThat(RpcClientPool.quietLimit(Duration.ofMillis(1_500))).isEqualTo(Duration.ofMillis(750));
        assertThat(RpcClientPool.quietLimit(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(1));
        assertThat(RpcClientPool.quietLimit(Duration.ofSeconds(60))).isEqualTo(Duration.ofSeconds(59));
        assertThat(RpcClientPool.quietLimit(Duration.ofNanos(1))).isEqualTo(Duration.ofNanos(1));
    }

    @Test
    void thePoolSaysItsQuietLimitAndHasNoneByDefault() {
        try (RpcClientPool off = RpcClientPool.builder("127.0.0.1:1").build();
                RpcClientPool on = RpcClientPool.builder("127.0.0.1:1").serverIdleTimeout(Duration.ofSeconds(75)).build()) {
            assertThat(off.quietLimit()).isEmpty();
            assertThat(on.quietLimit()).contains(Duration.ofSeconds(74));
            assertThat(on.quietConnectionsClosed()).isZero();
        }
    }

    @Test
    void theTimeoutMustBePositiveAndTheErrorNamesIt() {
        RpcClientPool.Builder b = RpcClientPool.builder("127.0.0.1:1");
        assertThatThrownBy(() -> b.serverIdleTimeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serverIdleTimeout must be positive").hasMessageContaining("PT0S");
        assertThatThrownBy(() -> b.serverIdleTimeout(Duration.ofSeconds(-5))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("serverIdleTimeout");
        assertThatThrownBy(() -> b.serverIdleTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessageContaining("serverIdleTimeout");
    }

    @Test
    void aLongTimeoutDoesNotOverflow() {
        try (RpcClientPool pool = RpcClientPool.builder("127.0.0.1:1").serverIdleTimeout(Duration.ofDays(365 * 1_000L))
                .build()) {
            assertThat(pool.quietLimit()).isPresent();
        }
    }

    @Test
    void aConnectionQuietPastTheLimitIsClosedAndTheCallGetsAnotherOne() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(PoolMode.EXCLUSIVE)
                        .serverIdleTimeout(Duration.ofMillis(100)) // quiet limit 50 ms
                        .listener(recordCloses).build()) {
            assertThat(pool.call("Ledger.Record", 1L, Long.class)).isEqualTo(1L);
            TimeUnit.MILLISECONDS.sleep(80); // at least this quiet: past the limit, whatever the machine's load
            assertThat(pool.call("Ledger.Record", 2L, Long.class)).isEqualTo(2L);
            assertThat(pool.stats().created()).isEqualTo(2);
            assertThat(pool.quietConnectionsClosed()).isEqualTo(1);
            assertThat(closes).containsExactly(CloseReason.SERVER_IDLE_TIMEOUT);
        }
    }

    @Test
    void aQuietConnectionDueForAProbeIsClosedUnprobedForTheSameReason() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(PoolMode.EXCLUSIVE)
                        .serverIdleTimeout(Duration.ofMillis(100)) // quiet limit 50 ms
                        .probeAfterIdle(Duration.ofMillis(1))
                        .listener(recordCloses).build()) {
            assertThat(pool.call("Ledger.Record", 1L, Long.class)).isEqualTo(1L);
            TimeUnit.MILLISECONDS.sleep(80);
            assertThat(pool.call("Ledger.Record", 2L, Long.class)).isEqualTo(2L);
            assertThat(pool.stats().created()).isEqualTo(2);
            assertThat(pool.quietConnectionsClosed()).isEqualTo(1);
            // not VALIDATION_FAILED: the probe was never sent, and the server did nothing wrong
            assertThat(closes).containsExactly(CloseReason.SERVER_IDLE_TIMEOUT);
        }
    }

    @Test
    void aConnectionThePeerClosedIsStillReportedAsNotOpen() {
        try (RpcClientPool pool = poolWhoseServerIsGone(server -> RpcClientPool.builder(server.hostPort())
                .serverIdleTimeout(Duration.ofSeconds(60)).listener(recordCloses).build())) {
            // the server is gone; the pool's maintenance (every second) finds the connection closed
            await().atMost(Duration.ofSeconds(10)).until(() -> !closes.isEmpty());
            assertThat(closes).containsExactly(CloseReason.NOT_OPEN);
            assertThat(pool.quietConnectionsClosed()).isZero();
        }
    }

    /** A pool that made one call to a server since shut down. */
    private static RpcClientPool poolWhoseServerIsGone(java.util.function.Function<TestServer, RpcClientPool> build) {
        try (TestServer server = new TestServer(GobCodec.create())) {
            RpcClientPool pool = build.apply(server);
            assertThat(pool.call("Ledger.Record", 1L, Long.class)).isEqualTo(1L);
            return pool;
        }
    }


    @Test
    void aConnectionUsedWithinTheLimitIsReused() {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(PoolMode.EXCLUSIVE)
                        .serverIdleTimeout(Duration.ofSeconds(60)).build()) {
            for (long i = 0; i < 20; i++) {
                assertThat(pool.call("Ledger.Record", i, Long.class)).isEqualTo(i);
            }
            assertThat(pool.stats().created()).isEqualTo(1);
            assertThat(pool.quietConnectionsClosed()).isZero();
        }
    }

    @Test
    void aSharedConnectionWithACallInFlightIsNeverClosedForBeingQuiet() throws Exception {
        try (TestServer server = new TestServer(GobCodec.create());
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).mode(PoolMode.MULTIPLEXED)
                        .maxConnections(1).serverIdleTimeout(Duration.ofMillis(40)).build()) { // limit 20 ms
            assertThat(pool.call("Ledger.Record", 1L, Long.class)).isEqualTo(1L);
            // no byte either way while the server sleeps, but the call is in flight: not idle
            CompletableFuture<Integer> slow = pool.callAsync("Sleep.Millis", 300, Integer.class, Duration.ofSeconds(5));
            TimeUnit.MILLISECONDS.sleep(100);
            assertThat(pool.call("Ledger.Record", 2L, Long.class)).isEqualTo(2L);
            assertThat(slow.get(5, TimeUnit.SECONDS)).isEqualTo(300);
            assertThat(pool.stats().created()).isEqualTo(1);
            assertThat(pool.quietConnectionsClosed()).isZero();
        }
    }
}
