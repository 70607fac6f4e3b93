package dev.rpcpool.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpConnectClientHandlerTest {

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static String text(ByteBuf b) {
        try {
            return b.toString(StandardCharsets.ISO_8859_1);
        } finally {
            b.release();
        }
    }

    @Test
    void sendsGosConnectAndHandsBytesAfterTheAnswerToTheNextHandler() {
        Promise<Void> handshake = ImmediateEventExecutor.INSTANCE.newPromise();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpConnectClientHandler("/_goRPC_", handshake));
        assertThat(text(ch.readOutbound())).isEqualTo("CONNECT /_goRPC_ HTTP/1.0\n\n");
        ch.writeInbound(buf("HTTP/1.0 200 Connected"));
        assertThat(handshake.isDone()).isFalse();
        ch.writeInbound(buf(" to Go RPC\n\n{\"id\":0}\n"));
        assertThat(handshake.isSuccess()).isTrue();
        assertThat(ch.pipeline().get(HttpConnectClientHandler.class)).isNull();
        assertThat(text(ch.readInbound())).isEqualTo("{\"id\":0}\n");
        assertThat(ch.finishAndReleaseAll()).isFalse();
    }

    @Test
    void anyOtherAnswerFailsTheHandshakeWithGosMessageAndCloses() {
        Promise<Void> handshake = ImmediateEventExecutor.INSTANCE.newPromise();
        EmbeddedChannel ch = new EmbeddedChannel(new HttpConnectClientHandler("/_goRPC_", handshake));
        text(ch.readOutbound());
        ch.writeInbound(buf("HTTP/1.1 404 Not Found\r\nContent-Length: 19\r\n\r\n404 page not found\n"));
        assertThat(handshake.cause()).hasMessage("unexpected HTTP response: 404 Not Found");
        assertThat(ch.isOpen()).isFalse();
        ch.finishAndReleaseAll();
    }
}
