package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.testing.FaultProxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The server (here the proxy in front of it, as a load balancer would) closes connections it
 * considers idle at random moments while callers work in bursts: the close can cross a request
 * that a caller has just written on the reused connection. The proxy decides between reads of the
 * client, so such a request is never read and never reaches the server, as with a real server;
 * the server's ledger proves no request ran twice.
 */
class IdleCloseIT {
    /** 20,000 calls in all; exclusive mode reconnects after every close, so it gets fewer. */
    private static final int EXCLUSIVE_CALLS = 4_000;
    private static final int MULTIPLEXED_CALLS = 6_000;
    private static final int CALLERS = 16;
    /** The proxy closes connections quiet this long; the client's retry threshold is below it. */
    private static final Duration SERVER_IDLE_TIMEOUT = Duration.ofMillis(30);
    /**
     * Far below the server's: the client counts quiet time from when it read the last reply, which
     * on a loaded machine can trail the server's write by milliseconds (a GC pause, a late event
     * loop); the threshold's own effect is tested in {@code IdleCloseRetryTest}.
     */
    private static final Duration CLIENT_MIN_IDLE = Duration.ofMillis(1);

    static Stream<Arguments> modesAndCodecs() {
        return Stream.of(PoolMode.values()).flatMap(mode -> Stream.of(
                Arguments.of(mode, GobCodec.create()), Arguments.of(mode, new JsonRpcCodec())));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndCodecs")
    void noCallFailsWhenTheServerClosesIdleConnectionsAtRandomMoments(PoolMode mode, Codec codec) throws Exception {
        int calls = mode == PoolMode.EXCLUSIVE ? EXCLUSIVE_CALLS : MULTIPLEXED_CALLS;
        // -Drpcpool.test.idleCloseRetry=false shows the race this guards against
        boolean retry = Boolean.parseBoolean(System.getProperty("rpcpool.test.idleCloseRetry", "true"));
        Outcome outcome = run(mode, codec, calls, b -> {
            if (retry) {
                b.retryOnIdleClose(CLIENT_MIN_IDLE, method -> true);
            }
        });
        System.out.println("idle-close " + mode + " " + codec.getClass().getSimpleName() + " retry=" + retry + ": "
                + outcome);
        assertThat(outcome.closes).as(outcome.toString()).isGreaterThanOrEqualTo(calls / 100);
        assertNoCallFailed(outcome, calls);
    }

    /**
     * The same workload with the pool told the server's idle timeout and nothing retried but what
     * never left: the pool closes connections quiet past the limit (15 ms here) instead of handing
     * them out, so no request crosses the server's close.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("modesAndCodecs")
    void noCallFailsWhenThePoolKnowsTheServersIdleTimeout(PoolMode mode, Codec codec) throws Exception {
        int calls = mode == PoolMode.EXCLUSIVE ? EXCLUSIVE_CALLS : MULTIPLEXED_CALLS;
        // -Drpcpool.test.serverIdleTimeout=false runs this workload without the option: it fails
        boolean set = Boolean.parseBoolean(System.getProperty("rpcpool.test.serverIdleTimeout", "true"));
        Outcome outcome = run(mode, codec, calls, b -> {
            if (set) {
                b.serverIdleTimeout(SERVER_IDLE_TIMEOUT);
            }
        });
        System.out.println("idle-close " + mode + " " + codec.getClass().getSimpleName() + " serverIdleTimeout="
                + (set ? SERVER_IDLE_TIMEOUT.toMillis() + "ms" : "off") + ": " + outcome);
        // the race was there to lose: connections went quiet past the limit again and again
        assertThat(outcome.closes + outcome.quietClosed).as(outcome.toString()).isGreaterThanOrEqualTo(calls / 100);
        assertNoCallFailed(outcome, calls);
    }

    private static void assertNoCallFailed(Outcome outcome, int calls) {
        assertThat(outcome.failures).as(outcome.toString()).isEmpty();
        assertThat(outcome.wrongReplies).as(outcome.toString()).isZero();
        assertThat(outcome.executedTwice).as("requests the server executed twice").isZero();
        assertThat(outcome.made).isGreaterThanOrEqualTo(calls);
        assertThat(outcome.ok).isEqualTo(outcome.made);
    }

    /** The failure's type and cause, and the quiet time if it had the idle-close shape. */
    private static String kind(RuntimeException e) {
        String cause = e.getCause() == null ? "" : String.valueOf(e.getCause().getMessage());
        String idle = e instanceof TransportException t
                ? t.closedByServerAfterIdle().map(d -> ", idle-close shape").orElse("") : "";
        String earlier = e.getSuppressed().length == 0 ? "" : ", after " + e.getSuppressed().length + " failed attempt(s)";
        return e.getClass().getSimpleName() + "(" + cause.substring(0, Math.min(cause.length(), 40)) + idle + earlier + ")";
    }

    private static RpcClientPool pool(FaultProxy proxy, Codec codec, PoolMode mode, Consumer<RpcClientPool.Builder> options) {
        RpcClientPool.Builder builder = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort())
                .codec(codec).mode(mode).maxConnections(8).maxInFlightPerConnection(2);
        options.accept(builder);
        return builder.build();
    }

    /**
     * Whether a caller makes call number {@code id}: every one of the {@code calls}, and then more until
     * the connections were closed under the callers often enough to have tested something ({@code calls
     * / 100} closes, by the server or by the pool), at most ten times as many calls. A fast moment of
     * the machine finishes the calls in fewer pauses, so fewer closes; a count of calls alone would let
     * the race go untested.
     */
    private static boolean keepCalling(long id, int calls, long closesSoFar) {
        return id <= calls || (closesSoFar < calls / 100 && id <= 10L * calls);
    }

    private record Outcome(long made, long ok, Map<String, Long> failures, long wrongReplies, int closes,
            long quietClosed, int executedTwice, long millis) {
        @Override
        public String toString() {
            return String.format("%d of %d calls ok, failures %s, wrong replies %d, %d idle closes by the server, "
                    + "%d quiet connections closed by the pool, %d executed twice, %d ms", ok, made, failures,
                    wrongReplies, closes, quietClosed, executedTwice, millis);
        }
    }

    private static Outcome run(PoolMode mode, Codec codec, int calls, Consumer<RpcClientPool.Builder> options)
            throws Exception {
        try (TestServer server = new TestServer(codec);
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = pool(proxy, codec, mode, options)) {
            AtomicLong ids = new AtomicLong();
            LongAdder ok = new LongAdder();
            LongAdder made = new LongAdder();
            LongAdder wrong = new LongAdder();
            Map<String, Long> failures = new ConcurrentHashMap<>();
            AtomicInteger closes = new AtomicInteger();
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicLong pauseUntil = new AtomicLong(System.nanoTime());
            AtomicInteger inFlight = new AtomicInteger();
            Thread closer = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(random.nextInt(0, 8_000)));
                    // the proxy cannot see a request outstanding behind another call's reply on a
                    // shared connection; a real server can, and never closes such a connection
                    if (inFlight.get() == 0) {
                        closes.addAndGet(proxy.closeIdle(SERVER_IDLE_TIMEOUT));
                    }
                }
            }, "idle-closer");
            // bursts of work, then all callers pause at once: every connection falls idle, the server
            // closes them at random moments, and the callers come back all together, racing the closes
            Thread rhythm = new Thread(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (running.get()) {
                    LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(random.nextInt(10, 40)));
                    long pause = TimeUnit.MILLISECONDS.toNanos(random.nextInt(30, 45));
                    pauseUntil.set(System.nanoTime() + pause);
                    LockSupport.parkNanos(pause);
                }
            }, "idle-close-rhythm");
            List<Thread> callers = new ArrayList<>();
            for (int t = 0; t < CALLERS; t++) {
                callers.add(new Thread(() -> {
                    ThreadLocalRandom random = ThreadLocalRandom.current();
                    long id;
                    while (keepCalling(id = ids.incrementAndGet(), calls, closes.get() + pool.quietConnectionsClosed())) {
                        made.increment();
                        long wait = pauseUntil.get() - System.nanoTime();
                        if (wait > 0) {
                            LockSupport.parkNanos(wait);
                        }
                        inFlight.incrementAndGet();
                        try {
                            long got = pool.call("Ledger.Record", id, Long.class, Duration.ofSeconds(5));
                            if (got == id) {
                                ok.increment();
                            } else {
                                wrong.increment();
                            }
                        } catch (RuntimeException e) {
                            failures.merge(kind(e), 1L, Long::sum);
                        } finally {
                            inFlight.decrementAndGet();
                        }
                    }
                }, "idle-close-caller-" + t));
            }
            long t0 = System.nanoTime();
            closer.start();
            rhythm.start();
            callers.forEach(Thread::start);
            for (Thread t : callers) {
                t.join();
            }
            running.set(false);
            closer.join();
            rhythm.join();
            return new Outcome(made.sum(), ok.sum(), Map.copyOf(failures), wrong.sum(), closes.get(),
                    pool.quietConnectionsClosed(), server.ledger.duplicates.get(), (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
