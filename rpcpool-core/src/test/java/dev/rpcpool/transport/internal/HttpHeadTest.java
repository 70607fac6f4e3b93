package dev.rpcpool.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HttpHeadTest {

    private static ByteBuf buf(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    @Test
    void headEndsAtTheBlankLineWithLfOrCrlfAndTheRestStaysUnread() {
        ByteBuf lf = buf("HTTP/1.0 200 Connected to Go RPC\n\n{\"id\":0}");
        ByteBuf crlf = buf("HTTP/1.0 200 OK\r\nX: y\r\n\r\nrest");
        try {
            assertThat(HttpHead.readFirstLine(lf)).isEqualTo("HTTP/1.0 200 Connected to Go RPC");
            assertThat(lf.toString(StandardCharsets.ISO_8859_1)).isEqualTo("{\"id\":0}");
            assertThat(HttpHead.readFirstLine(crlf)).isEqualTo("HTTP/1.0 200 OK");
            assertThat(crlf.toString(StandardCharsets.ISO_8859_1)).isEqualTo("rest");
        } finally {
            lf.release();
            crlf.release();
        }
    }

    @Test
    void incompleteHeadConsumesNothingAndAnEndlessOneIsRejected() {
        ByteBuf partial = buf("CONNECT /_goRPC_ HTTP/1.0\n");
        ByteBuf endless = buf("GET / HTTP/1.0\n" + "X: y\n".repeat(2000));
        try {
            assertThat(HttpHead.readFirstLine(partial)).isNull();
            assertThat(partial.readerIndex()).isZero();
            assertThatThrownBy(() -> HttpHead.readFirstLine(endless)).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("8192");
        } finally {
            partial.release();
            endless.release();
        }
    }
}
