package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.rpc.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * White-box: {@link ClientHandler#closeIfQuiet} on an EmbeddedChannel, where the test is the event
 * loop, so a call can be held between its submission and its write. A limit of -1 ns means "quiet
 * for any time at all"; {@code Long.MAX_VALUE} means "never quiet enough".
 */
class ClientHandlerQuietCloseTest {
    private static final long ANY_QUIET = -1;

    private final ClientHandler handler = new ClientHandler(new JsonRpcCodec().newClientCodec(1 << 20), "peer:1", Runnable::run, 0);
    private final EmbeddedChannel ch = new EmbeddedChannel(handler);

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private void writeOut() {
        ch.runPendingTasks();
        ByteBuf out = ch.readOutbound();
        out.release();
    }

    @Test
    void aCallSubmittedButNotYetWrittenCountsAsActivity() {
        CompletableFuture<Object> queued = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        assertThat(handler.closeIfQuiet(ANY_QUIET)).isFalse();
        writeOut();
        ch.writeInbound(Unpooled.copiedBuffer("{\"id\":0,\"result\":7,\"error\":null}\n", StandardCharsets.UTF_8));
        assertThat(queued.join()).isEqualTo(7);
        assertThat(handler.isActive()).isTrue();
    }

    @Test
    void aCallAwaitingItsReplyKeepsTheConnectionOpenHoweverQuiet() {
        CompletableFuture<Object> sent = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        writeOut();
        assertThat(handler.closeIfQuiet(ANY_QUIET)).isFalse();
        assertThat(sent).isNotDone();
        assertThat(handler.isActive()).isTrue();
    }

    @Test
    void aQuietConnectionIsClosedAndALaterCallFailsAsNeverWritten() {
        CompletableFuture<Object> first = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        writeOut();
        ch.writeInbound(Unpooled.copiedBuffer("{\"id\":0,\"result\":7,\"error\":null}\n", StandardCharsets.UTF_8));
        assertThat(first.join()).isEqualTo(7);
        assertThat(handler.closeIfQuiet(Long.MAX_VALUE)).as("not quiet long enough").isFalse();

        assertThat(handler.closeIfQuiet(ANY_QUIET)).isTrue();
        assertThat(handler.isActive()).isFalse();
        assertThat(handler.inFlight()).isZero();
        assertThat(handler.closeIfQuiet(ANY_QUIET)).as("closed once").isFalse();
        CompletableFuture<Object> late = handler.call("A.B", 2, Integer.class, Duration.ofSeconds(10));
        assertThatThrownBy(late::join).cause().isInstanceOf(TransportException.class)
                .hasMessageContaining("peer:1")
                .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isTrue());
    }

    @Test
    void aLimitedConnectionRefusesCallsTheSameWayOnceClosedAsQuiet() {
        ClientHandler limited = new ClientHandler(new JsonRpcCodec().newClientCodec(1 << 20), "peer:2", Runnable::run, 4);
        EmbeddedChannel channel = new EmbeddedChannel(limited);
        try {
            assertThat(limited.closeIfQuiet(ANY_QUIET)).isTrue();
            CompletableFuture<Object> late = limited.call("A.B", 2, Integer.class, Duration.ofSeconds(10));
            assertThatThrownBy(late::join).cause().isInstanceOf(TransportException.class)
                    .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isTrue());
        } finally {
            channel.finishAndReleaseAll();
        }
    }
}
