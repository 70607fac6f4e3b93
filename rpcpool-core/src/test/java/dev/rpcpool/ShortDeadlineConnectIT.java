package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.testing.FaultProxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Callers whose deadline is shorter than a connect takes (here, Go's HTTP CONNECT handshake
 * through a slow link) must not starve the pool: the connect outlives them and serves later calls.
 */
class ShortDeadlineConnectIT {

    @Test
    void aConnectSlowerThanTheCallersDeadlineStillGivesThePoolAConnection() throws Exception {
        try (TestServer server = new TestServer(RpcServerOptions.builder(GobCodec.create()).http().build(), 0);
                FaultProxy proxy = new FaultProxy(server.address);
                RpcClientPool pool = RpcClientPool.builder("127.0.0.1:" + proxy.address().getPort())
                        .http().mode(PoolMode.EXCLUSIVE).connectTimeout(Duration.ofSeconds(5)).build()) {
            proxy.latency(Duration.ofMillis(150)); // the CONNECT exchange now takes at least 300 ms

            assertThatThrownBy(() -> pool.call("Arith.Multiply", new Args(6, 7), Integer.class, Duration.ofMillis(100)))
                    .isInstanceOf(PoolTimeoutException.class);

            await().atMost(Duration.ofSeconds(5)).until(() -> pool.stats().idle() == 1);
            proxy.latency(Duration.ZERO);
            // a generous deadline: the first call on a connection is slow on a loaded machine (gob type
            // definitions, cold code); what matters is that it needs no connect of its own
            assertThat(pool.call("Arith.Multiply", new Args(6, 7), Integer.class, Duration.ofSeconds(2))).isEqualTo(42);
            assertThat(proxy.acceptedConnections()).as("the slow connect was kept, not redone").isEqualTo(1);
            assertThat(pool.stats().created()).isEqualTo(1);
        }
    }
}
