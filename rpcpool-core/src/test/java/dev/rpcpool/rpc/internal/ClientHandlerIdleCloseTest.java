package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.rpc.TransportException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** White-box: which failures carry the idle-close mark ({@link TransportException#closedByServerAfterIdle()}). */
class ClientHandlerIdleCloseTest {
    private static final Duration QUIET = Duration.ofMillis(50);

    private final ClientHandler handler = new ClientHandler(new JsonRpcCodec().newClientCodec(1 << 20), "peer:1", Runnable::run, 0);
    private final EmbeddedChannel ch = new EmbeddedChannel(handler);

    @AfterEach
    void tearDown() {
        ch.finishAndReleaseAll();
    }

    private CompletableFuture<Object> callAndWrite(int arg) {
        CompletableFuture<Object> f = handler.call("A.B", arg, Integer.class, Duration.ofSeconds(10));
        ch.runPendingTasks();
        ByteBuf out = ch.readOutbound();
        out.release();
        return f;
    }

    private static TransportException failure(CompletableFuture<Object> call) {
        assertThatThrownBy(call::join).cause().isInstanceOf(TransportException.class);
        return (TransportException) call.handle((v, e) -> e).join();
    }

    private static void quietFor(Duration d) {
        long until = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }

    @Test
    void callsWrittenAfterAQuietSpellAndMetByThePeersCloseBeforeAnyByteCarryTheQuietTime() {
        quietFor(QUIET);
        CompletableFuture<Object> a = callAndWrite(1);
        CompletableFuture<Object> b = callAndWrite(2); // written with it, before any byte came back
        ch.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertThat(failure(a).closedByServerAfterIdle()).hasValueSatisfying(q -> assertThat(q).isGreaterThanOrEqualTo(QUIET));
        assertThat(failure(b).closedByServerAfterIdle()).hasValueSatisfying(q -> assertThat(q).isGreaterThanOrEqualTo(QUIET));
    }

    @Test
    void aCallAfterWhichBytesArrivedIsNotMarkedSinceTheServerWasAliveAndReading() {
        quietFor(QUIET);
        CompletableFuture<Object> a = callAndWrite(1);
        CompletableFuture<Object> b = callAndWrite(2);
        ch.writeInbound(Unpooled.copiedBuffer("{\"id\":0,\"result\":1,\"error\":null}\n", StandardCharsets.UTF_8));
        assertThat(a.join()).isEqualTo(1);
        ch.pipeline().fireChannelInactive(); // EOF from the peer
        assertThat(failure(b).closedByServerAfterIdle()).isEmpty();
        assertThat(failure(b).requestNeverWritten()).isFalse();
    }

    @Test
    void aCallWrittenRightAfterAReplyCarriesItsShortQuietTime() {
        CompletableFuture<Object> a = callAndWrite(1);
        ch.writeInbound(Unpooled.copiedBuffer("{\"id\":0,\"result\":1,\"error\":null}\n", StandardCharsets.UTF_8));
        a.join();
        CompletableFuture<Object> b = callAndWrite(2);
        ch.pipeline().fireExceptionCaught(new IOException("connection reset"));
        assertThat(failure(b).closedByServerAfterIdle()).hasValueSatisfying(q -> assertThat(q).isLessThan(QUIET));
    }

    @Test
    void closingTheConnectionOurselvesIsNotThePeersClose() {
        quietFor(QUIET);
        CompletableFuture<Object> a = callAndWrite(1);
        handler.close();
        assertThat(failure(a).closedByServerAfterIdle()).isEmpty();
    }

    @Test
    void anUndecodableReplyIsNotThePeersClose() {
        quietFor(QUIET);
        CompletableFuture<Object> a = callAndWrite(1);
        CompletableFuture<Object> b = callAndWrite(2);
        ch.writeInbound(Unpooled.copiedBuffer("{\"id\":0,\"result\":1,\"error\":{\"not\":\"a string\"}}\n",
                StandardCharsets.UTF_8));
        assertThat(failure(a).closedByServerAfterIdle()).isEmpty();
        assertThat(failure(b).closedByServerAfterIdle()).isEmpty();
    }

    @Test
    void aTimeoutIsNeverMarked() {
        quietFor(QUIET);
        CompletableFuture<Object> a = handler.call("A.B", 1, Integer.class, Duration.ofMillis(100));
        ch.runPendingTasks();
        ((ByteBuf) ch.readOutbound()).release();
        ch.advanceTimeBy(150, TimeUnit.MILLISECONDS);
        ch.runScheduledPendingTasks();
        assertThatThrownBy(a::join).cause().isNotInstanceOf(TransportException.class);
    }
}
