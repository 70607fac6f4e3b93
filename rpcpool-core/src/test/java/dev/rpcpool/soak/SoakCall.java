package dev.rpcpool.soak;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.demo.Args;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ServerErrorException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;

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
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random) {
            int a = (int) (id % 40_000) + 1;
            int b = random.nextInt(1, 40_000);
            long product = pool.call("Arith.Multiply", new Args(a, b), Long.class, DEADLINE);
            return product == (long) a * b ? Outcome.OK : Outcome.WRONG_REPLY;
        }
    },
    /** {@code Echo.Echo} of a string naming the call. */
    ECHO(22) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random) {
            String s = "soak-" + id;
            return s.equals(pool.call("Echo.Echo", s, String.class, DEADLINE)) ? Outcome.OK : Outcome.WRONG_REPLY;
        }
    },
    /** {@code Echo.Bytes} of 16 KiB to 512 KiB starting with the call's id. */
    LARGE(2) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random) {
            byte[] payload = new byte[random.nextInt(16 << 10, 512 << 10)];
            random.nextBytes(payload);
            ByteBuffer.wrap(payload).putLong(id);
            byte[] back = pool.call("Echo.Bytes", payload, byte[].class, DEADLINE);
            return Arrays.equals(payload, back) ? Outcome.OK : Outcome.WRONG_REPLY;
        }
    },
    /** {@code Arith.Divide} by zero: the server's error is the expected answer. */
    SERVER_ERROR(8) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random) {
            try {
                pool.call("Arith.Divide", new Args((int) (id % 1000), 0), Object.class, DEADLINE);
                return Outcome.WRONG_REPLY;
            } catch (ServerErrorException expected) {
                return expected.getMessage().contains("divide by zero") ? Outcome.EXPECTED_FAILURE : Outcome.WRONG_REPLY;
            }
        }
    },
    /** {@code Sleep.Millis} 300 with a 50 ms deadline: the timeout is the expected answer. */
    SLOW_BEYOND_DEADLINE(8) {
        @Override
        Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random) {
            try {
                pool.call("Sleep.Millis", 300, Integer.class, Duration.ofMillis(50));
                return Outcome.WRONG_REPLY; // 300 ms of work answered within 50 ms
            } catch (CallTimeoutException expected) {
                return Outcome.EXPECTED_FAILURE;
            }
        }
    };

    /** Deadline of the calls expected to succeed. */
    static final Duration DEADLINE = Duration.ofSeconds(2);

    enum Outcome { OK, EXPECTED_FAILURE, WRONG_REPLY }

    private final int weight;

    SoakCall(int weight) {
        this.weight = weight;
    }

    /**
     * Makes one call of this kind.
     *
     * @throws RuntimeException the call's failure, when it is not this kind's expected outcome
     */
    abstract Outcome run(RpcClientPool pool, long id, ThreadLocalRandom random);

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
