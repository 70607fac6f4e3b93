package dev.rpcpool.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.transport.EventLoopResources;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The binder's meters follow a real pool talking to a real server. */
class RpcClientPoolMetricsTest {

    @Test
    void metersTrackConnectionsLeasesWaitsAndConnectTimes() throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(2)) {
            RpcServer server = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(GobCodec.create()).build()));
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            String target = a.getHostString() + ":" + a.getPort();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (RpcClientPool pool = RpcClientPool.builder(target).maxConnections(2).maxInFlightPerConnection(1)
                    .listener(RpcClientPoolMetrics.listener(registry, target)).build()) {
                new RpcClientPoolMetrics(pool).bindTo(registry);

                List<CompletableFuture<Integer>> calls = new ArrayList<>();
                for (int i = 0; i < 2; i++) {
                    calls.add(pool.callAsync("Sleep.Millis", 300, Integer.class, Duration.ofSeconds(10)));
                }
                assertThat(registry.get("rpcpool.leases").tag("target", target).gauge().value()).isEqualTo(2.0);
                assertThat(registry.get("rpcpool.connections").tag("state", "open").gauge().value()).isEqualTo(2.0);
                // a third call must queue: the function timer counts it once it got a connection
                CompletableFuture<Integer> queued = CompletableFuture.supplyAsync(
                        () -> pool.call("Arith.Multiply", new Args(6, 7), Integer.class, Duration.ofSeconds(10)));
                for (CompletableFuture<Integer> c : calls) {
                    assertThat(c.get(10, TimeUnit.SECONDS)).isEqualTo(300);
                }
                assertThat(queued.get(10, TimeUnit.SECONDS)).isEqualTo(42);

                assertThat(registry.get("rpcpool.leases").gauge().value()).isZero();
                assertThat(registry.get("rpcpool.connections").tag("state", "idle").gauge().value()).isEqualTo(2.0);
                assertThat(registry.get("rpcpool.connections.max").gauge().value()).isEqualTo(2.0);
                assertThat(registry.get("rpcpool.connections.created").functionCounter().count()).isEqualTo(2.0);
                FunctionTimer wait = registry.get("rpcpool.acquire.wait").tag("mode", "multiplexed").functionTimer();
                assertThat(wait.count()).isEqualTo(1.0);
                assertThat(wait.totalTime(TimeUnit.MILLISECONDS)).isPositive();
                assertThat(registry.get("rpcpool.connect").timer().count()).isEqualTo(2);
            }
            assertThat(registry.get("rpcpool.connections.closed.by.reason").tag("reason", "pool_closed").counter().count())
                    .isEqualTo(2.0);
            server.shutdown(Duration.ofSeconds(1));
        }
    }

    @Test
    void everyCallIsTimedByMethodAndOutcome() {
        try (EventLoopResources loops = EventLoopResources.create(2)) {
            RpcServer server = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(GobCodec.create()).build()));
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            String target = a.getHostString() + ":" + a.getPort();
            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            try (RpcClientPool pool = RpcClientPool.builder(target)
                    .callListener(RpcClientPoolMetrics.callListener(registry, target)).build()) {
                for (int i = 0; i < 3; i++) {
                    pool.call("Arith.Multiply", new Args(i, 2), Integer.class);
                }
                assertThatThrownBy(() -> pool.call("Arith.Divide", new Args(1, 0), Quotient.class))
                        .isInstanceOf(ServerErrorException.class);
                pool.callAsync("Arith.Multiply", new Args(2, 2), Integer.class).join();
            }
            await().atMost(Duration.ofSeconds(5)).until(() -> registry.get("rpcpool.calls")
                    .tags("method", "Arith.Multiply", "outcome", "ok").timer().count() == 4);
            Timer ok = registry.get("rpcpool.calls").tags("target", target, "method", "Arith.Multiply", "outcome", "ok").timer();
            assertThat(ok.totalTime(TimeUnit.NANOSECONDS)).isPositive();
            assertThat(registry.get("rpcpool.calls").tags("method", "Arith.Divide", "outcome", "server_error").timer().count())
                    .isEqualTo(1);
            assertThat(registry.get("rpcpool.calls").tags("method", "Arith.Divide", "outcome", "ok").timer().count()).isZero();
            server.shutdown(Duration.ofSeconds(1));
        }
    }
}
