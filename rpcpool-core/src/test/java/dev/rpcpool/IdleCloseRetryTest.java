package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.rpc.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * {@link RpcClientPool.Builder#retryOnIdleClose}: which calls are sent again after the server
 * closed their connection as the request went out, and how often. The server here closes every
 * connection the moment a request arrives, so each send is counted and each fails the same way.
 */
class IdleCloseRetryTest {
    private static final Duration MIN_IDLE = Duration.ofMillis(200);

    /** Accepts connections and closes each as soon as bytes arrive, counting those requests. */
    private static final class ClosingServer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger requests = new AtomicInteger();
        final Thread acceptor = new Thread(this::serve, "closing-server");

        ClosingServer() throws IOException {
            acceptor.setDaemon(true);
            acceptor.start();
        }

        String hostPort() {
            return "127.0.0.1:" + listener.getLocalPort();
        }

        private void serve() {
            while (!listener.isClosed()) {
                try {
                    Socket s = listener.accept();
                    Thread t = new Thread(() -> closeOnFirstByte(s), "closing-server-conn");
                    t.setDaemon(true);
                    t.start();
                } catch (IOException closed) {
                    return;
                }
            }
        }

        private void closeOnFirstByte(Socket s) {
            try (s) {
                if (s.getInputStream().read() >= 0) {
                    requests.incrementAndGet();
                }
            } catch (IOException ignored) {
                // the client went away first
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    private static RpcClientPool prewarmedPool(ClosingServer server, RpcClientPool.Builder builder) {
        RpcClientPool pool = builder.minIdle(1).prewarm(true).build();
        pool.ready().join();
        // the pooled connection sits quiet past minIdle, as connections do between bursts
        long until = System.nanoTime() + MIN_IDLE.toNanos() + TimeUnit.MILLISECONDS.toNanos(100);
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
        return pool;
    }

    @Test
    void aCallToADeclaredMethodIsSentOnceMoreAndNotAgainAfterAFreshConnectionFailsLikeThat() throws Exception {
        try (ClosingServer server = new ClosingServer();
                RpcClientPool pool = prewarmedPool(server, RpcClientPool.builder(server.hostPort())
                        .retryOnIdleClose(MIN_IDLE, "Ledger.Record"::equals))) {
            assertThatThrownBy(() -> pool.call("Ledger.Record", 1L, Long.class, Duration.ofSeconds(5)))
                    .isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(e.getSuppressed()).as("the first attempt's failure").hasSize(1));
            // the retry went out on a connection opened for it, not quiet for MIN_IDLE: not sent a third time
            assertThat(server.requests).as("requests the server received").hasValue(2);
        }
    }

    @Test
    void aCallToAMethodNotDeclaredIsNeverSentTwice() throws Exception {
        try (ClosingServer server = new ClosingServer();
                RpcClientPool pool = prewarmedPool(server, RpcClientPool.builder(server.hostPort())
                        .retryOnIdleClose(MIN_IDLE, "Ledger.Record"::equals))) {
            assertThatThrownBy(() -> pool.call("Counter.Inc", 1, Integer.class, Duration.ofSeconds(5)))
                    .isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).closedByServerAfterIdle()).isPresent());
            assertThat(server.requests).hasValue(1);
        }
    }

    @Test
    void byDefaultNoCallIsSentTwice() throws Exception {
        try (ClosingServer server = new ClosingServer();
                RpcClientPool pool = prewarmedPool(server, RpcClientPool.builder(server.hostPort()))) {
            assertThatThrownBy(() -> pool.callAsync("Ledger.Record", 1L, Long.class, Duration.ofSeconds(5)).join())
                    .hasCauseInstanceOf(TransportException.class);
            assertThat(server.requests).hasValue(1);
        }
    }

    @Test
    void asyncCallsAreRetriedTheSameWay() throws Exception {
        try (ClosingServer server = new ClosingServer();
                RpcClientPool pool = prewarmedPool(server, RpcClientPool.builder(server.hostPort())
                        .retryOnIdleClose(MIN_IDLE, method -> true))) {
            assertThatThrownBy(() -> pool.callAsync("Ledger.Record", 1L, Long.class, Duration.ofSeconds(5)).join())
                    .hasCauseInstanceOf(TransportException.class);
            assertThat(server.requests).hasValue(2);
        }
    }

    @Test
    void theQuietTimeMustBePositive() {
        assertThatThrownBy(() -> RpcClientPool.builder("127.0.0.1:1").retryOnIdleClose(Duration.ZERO, m -> true))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("minIdle");
    }
}
