package dev.rpcpool.soak;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.demo.Args;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ServerErrorException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * The kinds of call in the soak's mix, each checking that its reply belongs to its request (the
 * request carries the call's id or values derived from it), so a reply delivered to the wrong call
 * is caught. Calls whose failure is their point (a server error, a deadline shorter than the work)
 * report that failure as their expected outcome.
 */
enum SoakCall {
    /** {@code Arith.Multiply}: the product names both factors. */
    FAST(60) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random, Consumer<String> wrong) {
            int a = (int) (id % 40_000) + 1;
            int b = random.nextInt(1, 40_000);
            long product = pool.call("Arith.Multiply", new Args(a, b), Long.class, DEADLINE);
            return product == (long) a * b ? Outcome.OK : wrong(wrong, a + "*" + b, product);
        }
    },
    /** {@code Echo.Echo} of a string naming the call. */
    ECHO(22) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random, Consumer<String> wrong) {
            String s = "soak-" + id;
            String back = pool.call("Echo.Echo", s, String.class, DEADLINE);
            return s.equals(back) ? Outcome.OK : wrong(wrong, s, back);
        }
    },
    /** {@code Echo.Bytes} of 16 KiB to 512 KiB starting with the call's id. */
    LARGE(2) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random, Consumer<String> wrong) {
            byte[] payload = new byte[random.nextInt(16 << 10, 512 << 10)];
            random.nextBytes(payload);
            ByteBuffer.wrap(payload).putLong(id);
            byte[] back = pool.call("Echo.Bytes", payload, byte[].class, DEADLINE);
            return Arrays.equals(payload, back) ? Outcome.OK
                    : wrong(wrong, payload.length + " bytes of call " + id, back == null ? null
                            : back.length + " bytes of call " + (back.length >= 8 ? ByteBuffer.wrap(back).getLong() : -1));
        }
    },
    /** {@code Arith.Divide} by zero: the server's error is the expected answer. */
    SERVER_ERROR(8) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random, Consumer<String> wrong) {
            try {
                return wrong(wrong, "divide by zero", pool.call("Arith.Divide", new Args((int) (id % 1000), 0),
                        Object.class, DEADLINE));
            } catch (ServerErrorException expected) {
                return expected.getMessage().contains("divide by zero") ? Outcome.EXPECTED_FAILURE
                        : wrong(wrong, "divide by zero", expected.getMessage());
            }
        }
    },
    /**
     * {@code Sleep.Millis} 300–399 (from the id) with a 50 ms deadline: the timeout is the expected
     * answer. Its own reply, accepted after the deadline, is a late success, not cross-talk: the
     * reply was read before the call's timer ran (an event loop held up past the deadline).
     */
    SLOW_BEYOND_DEADLINE(8) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random, Consumer<String> wrong) {
            int ms = 300 + (int) (id % 100);
            try {
                int back = pool.call("Sleep.Millis", ms, Integer.class, Duration.ofMillis(50));
                return back == ms ? Outcome.LATE_SUCCESS : wrong(wrong, ms + " (or a timeout)", back);
            } catch (CallTimeoutException expected) {
                return Outcome.EXPECTED_FAILURE;
            }
        }
    };

    /** Deadline of the calls expected to succeed. */
    static final Duration DEADLINE = Duration.ofSeconds(2);

    enum Outcome { OK, EXPECTED_FAILURE, LATE_SUCCESS, WRONG_REPLY }

    private final int weight;

    SoakCall(int weight) {
        this.weight = weight;
    }

    /**
     * Makes one call of this kind; a reply that does not match the request is described to
     * {@code wrong}.
     *
     * @throws RuntimeException the call's failure, when it is not this kind's expected outcome
     */
    abstract Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random, Consumer<String> wrong);

    final Outcome wrong(Consumer<String> wrong, Object expected, Object got) {
        String g = String.valueOf(got);
        wrong.accept(this + ": expected " + expected + ", got " + (g.length() > 80 ? g.substring(0, 80) + "..." : g));
        return Outcome.WRONG_REPLY;
    }

    /** A kind drawn by weight. */
    static SoakCall pick(ThreadLocalRandom random) {
        int total = Arrays.stream(values()).mapToInt(c -> c.weight).sum();
        int r = random.nextInt(total);
        for (SoakCall c : values()) {
            r -= c.weight;
            if (r < 0) {
                return c;
            }
        }
        throw new AssertionError(r);
    }
}
