package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** White-box: the client engine on an EmbeddedChannel, where the test is the event loop and controls time. */
class ClientHandlerTest {
    private final ClientHandler handler = new ClientHandler(new JsonRpcCodec().newClientCodec(1 << 20), "peer:1", Runnable::run, 0);
    private final EmbeddedChannel ch = new EmbeddedChannel(handler);

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private String written() {
        ByteBuf out = ch.readOutbound();
        try {
            return out.toString(StandardCharsets.UTF_8);
        } finally {
            out.release();
        }
    }

    private void reply(String json) {
        ch.writeInbound(Unpooled.copiedBuffer(json, StandardCharsets.UTF_8));
    }

    @Test
    void callsQueuedTogetherAreWrittenInOneBufferAndOneFlush() {
        handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        handler.call("A.B", 2, Integer.class, Duration.ofSeconds(10));
        ch.runPendingTasks();
        assertThat(written()).isEqualTo("{\"method\":\"A.B\",\"params\":[1],\"id\":0}\n{\"method\":\"A.B\",\"params\":[2],\"id\":1}\n");
        assertThat((Object) ch.readOutbound()).isNull();
    }

    @Test
    void aCallQueuedWhenTheConnectionFailsWasNeverWritten() {
        CompletableFuture<Object> queued = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        ch.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertThatThrownBy(queued::join).cause().isInstanceOf(TransportException.class)
                .hasMessage("connection to peer:1 is shut down: connection reset")
                .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isTrue());
    }

    @Test
    void aWrittenCallFailingWithTheConnectionMayHaveReachedTheServer() {
        CompletableFuture<Object> sent = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        ch.runPendingTasks();
        written();
        ch.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertThatThrownBy(sent::join).cause().isInstanceOf(TransportException.class)
                .satisfies(e -> assertThat(((TransportException) e).requestNeverWritten()).isFalse());
        assertThat(handler.isActive()).isFalse();
    }

    @Test
    void aLateReplyToATimedOutCallIsDiscardedAndTheNextCallGetsOnlyItsOwn() {
        CompletableFuture<Object> first = handler.call("Sleep.Millis", 500, Integer.class, Duration.ofMillis(100));
        ch.runPendingTasks();
        written();
        ch.advanceTimeBy(150, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThatThrownBy(first::join).cause().isInstanceOf(CallTimeoutException.class)
                .hasMessage("call Sleep.Millis to peer:1 timed out after 100 ms");

        CompletableFuture<Object> second = handler.call("Sleep.Millis", 7, Integer.class, Duration.ofSeconds(10));
        ch.runPendingTasks();
        written();
        reply("{\"id\":0,\"result\":500,\"error\":null}\n"); // the late reply
        assertThat(second).isNotDone();
        assertThat(handler.inFlight()).isEqualTo(1);
        reply("{\"id\":1,\"result\":7,\"error\":null}\n");
        assertThat(second.join()).isEqualTo(7);
        assertThat(handler.isActive()).isTrue();
    }

    @Test
    void anUndecodableReplyShutsTheConnectionDownAndFailsEveryPendingCall() {
        CompletableFuture<Object> a = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        CompletableFuture<Object> b = handler.call("A.B", 2, Integer.class, Duration.ofSeconds(10));
        ch.runPendingTasks();
        written();
        reply("{\"id\":0,\"result\":1,\"error\":{\"not\":\"a string\"}}\n");
        assertThatThrownBy(a::join).cause().isInstanceOf(TransportException.class).hasMessageContaining("invalid error");
        assertThatThrownBy(b::join).cause().isInstanceOf(TransportException.class);
        assertThat(ch.isOpen()).isFalse();
    }

    @Test
    void aReplyArrivingAfterTheDeadlineFailsTheCallEvenBeforeItsTimerRuns() throws Exception {
        CompletableFuture<Object> call = handler.call("A.B", 1, Integer.class, Duration.ofMillis(20));
        ch.runPendingTasks();
        written();
        Thread.sleep(40); // real time passes; the embedded loop's timer does not run (a busy event loop)
        reply("{\"id\":0,\"result\":2,\"error\":null}\n");
        assertThatThrownBy(call::join).cause().isInstanceOf(CallTimeoutException.class)
                .hasMessage("call A.B to peer:1 timed out after 20 ms");
    }

    @Test
    void aReplyArrivingInTimeCompletesTheCall() {
        CompletableFuture<Object> call = handler.call("A.B", 1, Integer.class, Duration.ofSeconds(10));
        ch.runPendingTasks();
        written();
        reply("{\"id\":0,\"result\":2,\"error\":null}\n");
        assertThat(call.join()).isEqualTo(2);
    }
}
