package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.rpc.RpcServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Slow-loris clients: many connections each holding an unfinished request, and one trickling
 * bytes forever, must neither pin the server's memory nor keep it from serving others.
 */
class SlowClientsIT {
    private static final int MAX_MESSAGE = 256 * 1024;
    private static final long BUDGET = 1024 * 1024;

    /** A gob frame header announcing {@code length} bytes (gob's unsigned integer: -byteCount, then big-endian). */
    private static byte[] gobLengthPrefix(int length) {
        return new byte[] {(byte) -3, (byte) (length >>> 16), (byte) (length >>> 8), (byte) length};
    }

    @Test
    void unfinishedRequestsOverTheServerWideBudgetCloseTheConnectionsThatPassIt() throws Exception {
        RpcServerOptions options = RpcServerOptions.builder(GobCodec.create()).maxMessageBytes(MAX_MESSAGE)
                .maxBufferedRequestBytes(BUDGET).build();
        try (TestServer server = new TestServer(options, 0);
                RpcClientPool pool = RpcClientPool.builder(server.hostPort()).build()) {
            List<Socket> loris = new ArrayList<>();
            int closedByServer = 0;
            try {
                // 8 clients x 200 KiB of a 250 KiB request = 1.6 MiB, over the 1 MiB budget
                for (int i = 0; i < 8; i++) {
                    Socket s = new Socket(server.address.getAddress(), server.address.getPort());
                    loris.add(s);
                    OutputStream out = s.getOutputStream();
                    try {
                        out.write(gobLengthPrefix(250 * 1024));
                        out.write(new byte[200 * 1024]);
                        out.flush();
                    } catch (SocketException resetWhileWriting) {
                        closedByServer++; // closed as it passed the budget, before we finished writing
                        continue;
                    }
                    Thread.sleep(50); // one at a time, so which ones pass the budget is defined
                    if (closedByPeer(s)) {
                        closedByServer++;
                    }
                }
                assertThat(server.server.bufferedRequestBytes()).as("bytes held").isLessThanOrEqualTo(BUDGET);
                assertThat(closedByServer).as("connections that would pass the budget were closed").isEqualTo(3);
                assertThat(pool.call("Arith.Multiply", new Args(6, 7), Integer.class)).as("others still served").isEqualTo(42);
            } finally {
                for (Socket s : loris) {
                    s.close();
                }
            }
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
                    .until(() -> server.server.bufferedRequestBytes() == 0);
        }
    }

    @Test
    void aClientTricklingARequestIsClosedAfterTheIncompleteRequestTimeoutForBothCodecs() throws Exception {
        for (Codec codec : List.of(GobCodec.create(), new JsonRpcCodec())) {
            RpcServerOptions options = RpcServerOptions.builder(codec).incompleteRequestTimeout(Duration.ofMillis(500)).build();
            try (TestServer server = new TestServer(options, 0);
                    RpcClientPool pool = RpcClientPool.builder(server.hostPort()).codec(codec).build();
                    Socket loris = new Socket(server.address.getAddress(), server.address.getPort())) {
                byte[] start = codec instanceof GobCodec ? gobLengthPrefix(100_000)
                        : "{\"method\":\"Arith.Multiply\",\"params\":[\"".getBytes(StandardCharsets.US_ASCII);
                OutputStream out = loris.getOutputStream();
                out.write(start);
                long t0 = System.nanoTime();
                long closedAfter = -1;
                // one byte every 50 ms: always "making progress", never finishing
                while (System.nanoTime() - t0 < Duration.ofSeconds(5).toNanos()) {
                    try {
                        out.write('a');
                        out.flush();
                    } catch (SocketException closed) {
                        closedAfter = (System.nanoTime() - t0) / 1_000_000;
                        break;
                    }
                    if (closedByPeer(loris, 50)) {
                        closedAfter = (System.nanoTime() - t0) / 1_000_000;
                        break;
                    }
                }
                assertThat(closedAfter).as("%s: closed after (ms)", codec.name()).isBetween(450L, 2_500L);
                assertThat(pool.call("Arith.Multiply", new Args(6, 7), Integer.class)).isEqualTo(42);
            }
        }
    }

    @Test
    void theBudgetMustHoldTheLargestRequest() {
        assertThatThrownBy(() -> RpcServerOptions.builder(GobCodec.create()).maxMessageBytes(2048)
                .maxBufferedRequestBytes(1024).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxBufferedRequestBytes (1024) must be at least maxMessageBytes (2048)");
    }

    private static boolean closedByPeer(Socket s) throws IOException {
        return closedByPeer(s, 300);
    }

    /** True if the server closed (EOF or reset) within {@code waitMillis}. */
    private static boolean closedByPeer(Socket s, int waitMillis) throws IOException {
        s.setSoTimeout(waitMillis);
        InputStream in = s.getInputStream();
        try {
            return in.read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }
}
