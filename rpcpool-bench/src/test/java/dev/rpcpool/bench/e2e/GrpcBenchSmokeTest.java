package dev.rpcpool.bench.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runs the gRPC contender's service and closed loop briefly, so the end-to-end suite cannot rot unnoticed. */
class GrpcBenchSmokeTest {
    private Server server;
    private ManagedChannel channel;

    @BeforeEach
    void start() throws Exception {
        server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .addService(GrpcBenchService.definition()).build().start();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", server.getPort()).usePlaintext().build();
    }

    @AfterEach
    void stop() throws Exception {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }

    @Test
    void multiplyTakesSixteenBytesAndReturnsTheProductInEight() {
        byte[] reply = ClientCalls.blockingUnaryCall(channel, GrpcBenchService.MULTIPLY, CallOptions.DEFAULT,
                GrpcBenchService.multiplyRequest(7, 8));
        assertThat(reply).hasSize(8);
        assertThat(ByteBuffer.wrap(reply).getLong()).isEqualTo(56);
    }

    @Test
    void closedLoopOverOneChannelReportsTheBenchKeysWithoutErrors() throws Exception {
        byte[] blob = new byte[1024];
        Map<String, Object> r = ClosedLoop.run(() -> {
            byte[] reply = ClientCalls.blockingUnaryCall(channel, GrpcBenchService.ECHO, CallOptions.DEFAULT, blob);
            if (reply.length != blob.length) {
                throw new IllegalStateException("echo returned " + reply.length + " bytes");
            }
        }, 4, Duration.ofMillis(100), Duration.ofMillis(300), 1);
        assertThat(r).containsOnlyKeys("calls", "qps", "p50_us", "p90_us", "p99_us", "max_us", "errors",
                "connections_opened", "cpu_us_per_call");
        assertThat((double) r.get("cpu_us_per_call")).isPositive();
        assertThat((long) r.get("calls")).isPositive();
        assertThat(r.get("errors")).isEqualTo(0L);
        assertThat((long) r.get("p99_us")).isGreaterThanOrEqualTo((long) r.get("p50_us"));
    }
}
