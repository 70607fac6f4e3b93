package dev.rpcpool.bench.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC-java contender of the end-to-end benchmark: N closed-loop callers making blocking unary
 * calls over one {@link ManagedChannel} (one HTTP/2 connection, multiplexed, which is how gRPC is
 * meant to be used), printing one JSON line with the keys of {@code rpcpool bench --json}.
 *
 * <pre>java -cp benchmarks.jar dev.rpcpool.bench.e2e.GrpcBenchClient --addr 127.0.0.1:PORT
 *     [--method Arith.Multiply|Echo.Bytes] [--payload 1024] [--concurrency 16] [--duration 5s] [--warmup 1s]</pre>
 *
 * Exit status 2 for bad options, 1 if the server cannot be reached.
 */
public final class GrpcBenchClient {
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** The first call also connects and loads classes on both sides, slow on a busy machine. */
    private static final Duration FIRST_CALL_TIMEOUT = Duration.ofSeconds(30);

    private GrpcBenchClient() {
    }

    public static void main(String[] argv) throws Exception {
        E2eArgs args;
        InetSocketAddress addr;
        try {
            args = new E2eArgs(argv, Set.of("--addr", "--method", "--payload", "--concurrency", "--duration", "--warmup"));
            addr = E2eArgs.hostPort(args.string("--addr", "127.0.0.1:1234"));
        } catch (IllegalArgumentException e) {
            System.err.println("GrpcBenchClient: " + e.getMessage());
            System.exit(2);
            return;
        }
        String method = args.string("--method", "Arith.Multiply");
        MethodDescriptor<byte[], byte[]> descriptor;
        byte[] request;
        int expectedReplyLength;
        switch (method) {
            case "Arith.Multiply" -> {
                descriptor = GrpcBenchService.MULTIPLY;
                request = GrpcBenchService.multiplyRequest(7, 8);
                expectedReplyLength = 8;
            }
            case "Echo.Bytes" -> {
                descriptor = GrpcBenchService.ECHO;
                request = new byte[args.integer("--payload", 1024)];
                Arrays.fill(request, (byte) 7);
                expectedReplyLength = request.length;
            }
            default -> {
                System.err.println("GrpcBenchClient: --method must be Arith.Multiply or Echo.Bytes, got " + method);
                System.exit(2);
                return;
            }
        }
        ManagedChannel channel = NettyChannelBuilder.forAddress(addr).usePlaintext().build();
        try {
            ClosedLoop.Call call = () -> check(method, expectedReplyLength, ClientCalls.blockingUnaryCall(channel,
                    descriptor, CallOptions.DEFAULT.withDeadlineAfter(CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    request));
            try { // fail early and clearly if the server is not there
                check(method, expectedReplyLength, ClientCalls.blockingUnaryCall(channel, descriptor, CallOptions.DEFAULT
                        .withDeadlineAfter(FIRST_CALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), request));
            } catch (RuntimeException e) {
                System.err.println("GrpcBenchClient: cannot call " + addr + ": " + e.getMessage());
                System.exit(1);
            }
            Map<String, Object> result = ClosedLoop.run(call, args.integer("--concurrency", 16),
                    args.duration("--warmup", Duration.ofSeconds(1)), args.duration("--duration", Duration.ofSeconds(5)), 1);
            System.out.println(new ObjectMapper().writeValueAsString(result));
        } finally {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private static void check(String method, int expectedLength, byte[] reply) {
        if (reply.length != expectedLength) {
            throw new IllegalStateException(method + " returned " + reply.length + " bytes, expected " + expectedLength);
        }
    }
}
