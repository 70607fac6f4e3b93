package dev.rpcpool.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.rpc.ConnectFailedException;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link RpcClientConnector} against real sockets. */
class RpcClientConnectorTest {

    /**
     * The first attempt's TCP connect is accepted but its HTTP CONNECT never answered, so it is still
     * under way when the server stops listening; the second attempt is refused, and that fails the
     * first at once instead of at its 5 s connect timeout.
     */
    @Test
    void aRefusedConnectFailsTheConnectsStillUnderWayAtOnce() throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(1);
                ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            RpcConnector rpc = new RpcConnector(loops, RpcClientOptions.builder(GobCodec.create()).http()
                    .connectTimeout(Duration.ofSeconds(5)).build());
            RpcClientConnector connector = new RpcClientConnector(rpc, address, "X.Y", 0, 0);

            CompletableFuture<RpcClient> underWay = connector.connectAsync(Duration.ofSeconds(5));
            try (Socket accepted = listener.accept()) { // TCP up; the CONNECT request is never answered
                listener.close();
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> connector.connect(Duration.ofSeconds(5)))
                        .isInstanceOf(ConnectFailedException.class).hasMessageContaining("refused");
                assertThatThrownBy(() -> underWay.get(2, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                        .cause().isInstanceOf(ConnectFailedException.class)
                        .hasMessageContaining("cannot connect to " + address.getHostString() + ":" + address.getPort())
                        .hasMessageContaining("seen by a concurrent attempt");
                assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
            }
        }
    }

    /** A timeout is the attempt's own business: it fails no other attempt. */
    @Test
    void aConnectThatFailsOtherwiseLeavesTheOthersAlone() throws Exception {
        try (EventLoopResources loops = EventLoopResources.create(1);
                ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), listener.getLocalPort());
            RpcClientConnector slow = new RpcClientConnector(new RpcConnector(loops, RpcClientOptions
                    .builder(GobCodec.create()).http().connectTimeout(Duration.ofSeconds(3)).build()), address, "X.Y", 0, 0);
            CompletableFuture<RpcClient> longer = slow.connectAsync(Duration.ofSeconds(3));
            try (Socket first = listener.accept()) {
                assertThatThrownBy(() -> slow.connect(Duration.ofMillis(100)))
                        .isInstanceOf(java.util.concurrent.TimeoutException.class);
                try (Socket second = listener.accept()) {
                    assertThat(longer).isNotDone();
                }
            }
        }
    }
}
