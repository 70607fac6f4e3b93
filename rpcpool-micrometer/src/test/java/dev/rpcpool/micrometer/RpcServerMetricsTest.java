package dev.rpcpool.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.demo.Quotient;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.transport.EventLoopResources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The server's meters follow a real server answering a real client. */
class RpcServerMetricsTest {
    private static final Duration T = Duration.ofSeconds(10);

    @Test
    void requestsAreTimedByMethodAndOutcomeAndUnknownNamesShareOneTag() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (EventLoopResources loops = EventLoopResources.create(2);
                RpcServer server = DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(GobCodec.create())
                        .requestListener(RpcServerMetrics.requestListener(registry, "demo")).build()))) {
            new RpcServerMetrics(server, "demo").bindTo(registry);
            InetSocketAddress a = server.start(new InetSocketAddress("127.0.0.1", 0));
            try (RpcClient c = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).build()).connect(a)) {
                c.call("Arith.Multiply", new Args(2, 3), Integer.class, T);
                c.call("Arith.Multiply", new Args(2, 4), Integer.class, T);
                assertThatThrownBy(() -> c.call("Arith.Divide", new Args(1, 0), Quotient.class, T))
                        .isInstanceOf(ServerErrorException.class);
                for (String unknown : new String[] {"X.One", "X.Two", "Y.Three"}) {
                    assertThatThrownBy(() -> c.call(unknown, 1, Integer.class, T)).isInstanceOf(ServerErrorException.class);
                }
                assertThat(registry.get("rpcpool.server.connections").tag("server", "demo").gauge().value()).isEqualTo(1.0);
                await().atMost(T).until(() -> registry.find("rpcpool.server.requests")
                        .tags("method", RpcServerMetrics.UNREGISTERED, "outcome", "error").timer() != null
                        && registry.get("rpcpool.server.requests").tags("method", RpcServerMetrics.UNREGISTERED,
                                "outcome", "error").timer().count() == 3);
            }
            assertThat(registry.get("rpcpool.server.requests").tags("method", "Arith.Multiply", "outcome", "ok").timer().count())
                    .isEqualTo(2);
            assertThat(registry.get("rpcpool.server.requests").tags("method", "Arith.Divide", "outcome", "error").timer().count())
                    .isEqualTo(1);
            assertThat(registry.find("rpcpool.server.requests").tag("method", "X.One").timer()).isNull();
            assertThat(registry.get("rpcpool.server.buffered.bytes").gauge().value()).isZero();
        }
    }
}
