package dev.rpcpool.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The {@code java-lockstep} probe of the end-to-end benchmark: N closed-loop callers, each writing
 * and reading its own blocking socket ({@link LockstepConnection}) with rpcpool's codec, printing
 * one JSON line with the keys of {@code rpcpool bench --json}. It is Go's {@code gobench -mode
 * lockstep} in Java: what a JVM client whose callers do their own I/O gets from a server, to set
 * beside rpcpool's exclusive mode, whose callers hand each request to an I/O thread and wait to be
 * woken with the reply.
 *
 * <pre>java -cp benchmarks.jar dev.rpcpool.bench.e2e.JavaLockstepClient --addr 127.0.0.1:PORT
 *     [--method Arith.Multiply|Echo.Bytes] [--payload 1024] [--codec gob|json] [--concurrency 16]
 *     [--duration 5s] [--warmup 1s]</pre>
 *
 * Exit status 2 for bad options, 1 if the server cannot be reached or answers wrongly.
 */
public final class JavaLockstepClient {
    /** Like the other contenders' call timeout; also bounds the first call (connect, class loading). */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(30);

    private JavaLockstepClient() {
    }

    public static void main(String[] argv) throws Exception {
        E2eArgs args;
        InetSocketAddress addr;
        Workload workload;
        Codec codec;
        try {
            args = new E2eArgs(argv, Set.of("--addr", "--method", "--payload", "--codec", "--concurrency", "--duration",
                    "--warmup"));
            addr = E2eArgs.hostPort(args.string("--addr", "127.0.0.1:1234"));
            workload = Workload.of(args.string("--method", "Arith.Multiply"), args.integer("--payload", 1024));
            codec = codec(args.string("--codec", "gob"));
        } catch (IllegalArgumentException e) {
            System.err.println("JavaLockstepClient: " + e.getMessage());
            System.exit(2);
            return;
        }
        int concurrency = args.integer("--concurrency", 16);
        Queue<LockstepConnection> opened = new ConcurrentLinkedQueue<>();
        try (LockstepConnection probe = new LockstepConnection(addr, codec, READ_TIMEOUT)) {
            workload.callOn(probe); // fail early and clearly if the server is not there or answers wrongly
        } catch (IOException | RuntimeException e) { // also a CodecException: not a net/rpc server
            System.err.println("JavaLockstepClient: cannot call " + args.string("--addr", "") + ": " + e.getMessage());
            System.exit(1);
        }
        ThreadLocal<LockstepConnection> mine = ThreadLocal.withInitial(() -> {
            try {
                LockstepConnection c = new LockstepConnection(addr, codec, READ_TIMEOUT);
                opened.add(c);
                return c;
            } catch (IOException e) {
                throw new IllegalStateException("cannot connect to " + addr + ": " + e.getMessage(), e);
            }
        });
        try {
            Map<String, Object> result = ClosedLoop.run(() -> workload.callOn(mine.get()), concurrency,
                    args.duration("--warmup", Duration.ofSeconds(1)), args.duration("--duration", Duration.ofSeconds(5)),
                    concurrency);
            System.out.println(new ObjectMapper().writeValueAsString(result));
        } finally {
            for (LockstepConnection c : opened) {
                c.close();
            }
        }
    }

    private static Codec codec(String name) {
        return switch (name) {
            case "gob" -> GobCodec.create();
            case "json" -> new JsonRpcCodec();
            default -> throw new IllegalArgumentException("--codec must be gob or json, got " + name);
        };
    }

    /** The call each caller repeats, and the check of its reply. */
    record Workload(String method, Object args, Type replyType, Object expected) {
        static Workload of(String method, int payload) {
            return switch (method) {
                case "Arith.Multiply" -> new Workload(method, new Args(7, 8), Long.class, 56L);
                case "Echo.Bytes" -> {
                    byte[] blob = new byte[payload];
                    Arrays.fill(blob, (byte) 7);
                    yield new Workload(method, blob, byte[].class, blob);
                }
                default -> throw new IllegalArgumentException("--method must be Arith.Multiply or Echo.Bytes, got " + method);
            };
        }

        void callOn(LockstepConnection c) throws IOException {
            Object reply = c.call(method, args, replyType);
            boolean ok = expected instanceof byte[] b ? reply instanceof byte[] r && Arrays.equals(b, r)
                    : expected.equals(reply);
            if (!ok) {
                throw new IllegalStateException(method + " returned " + describe(reply) + ", expected " + describe(expected));
            }
        }

        private static String describe(Object v) {
            return v instanceof byte[] b ? b.length + " bytes" : String.valueOf(v);
        }
    }
}
