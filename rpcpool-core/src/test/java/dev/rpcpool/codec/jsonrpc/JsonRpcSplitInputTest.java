package dev.rpcpool.codec.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.demo.Args;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A jsonrpc stream means the same however its bytes are split across reads. Jackson's non-blocking
 * parser accepted a trailing comma in an object ({@code {"A":7,}}) when a read ended right after the
 * comma, and (found by fuzzing) a missing value ({@code {"A":}}) when a read ended right after the
 * colon, though it rejects both in one piece, as Go's {@code encoding/json} does.
 */
class JsonRpcSplitInputTest {
    private static final String TRAILING_COMMA = "{\"method\":\"Arith.Multiply\",\"params\":[{\"A\":7,\"B\":8,}],\"id\":0}\n";

    @Test
    void aTrailingCommaInAnObjectIsRejectedWhenAReadEndsRightAfterIt() {
        int comma = TRAILING_COMMA.indexOf(",}") + 1;
        for (String tail : new String[] {"", " ", "\n\t "}) {
            ServerCodec server = new JsonRpcCodec().newServerCodec(1024);
            ByteBuf in = Unpooled.buffer();
            try {
                in.writeCharSequence(TRAILING_COMMA.substring(0, comma) + tail, StandardCharsets.UTF_8);
                assertThat(server.readRequest(in, m -> Args.class)).isNull();
                in.writeCharSequence(TRAILING_COMMA.substring(comma), StandardCharsets.UTF_8);
                assertThatThrownBy(() -> server.readRequest(in, m -> Args.class))
                        .isInstanceOf(CodecException.class)
                        .hasMessageContaining("malformed JSON");
            } finally {
                in.release();
            }
        }
    }

    @Test
    void aMissingValueInAnObjectIsRejectedWhenAReadEndsRightAfterTheColon() {
        ServerCodec server = new JsonRpcCodec().newServerCodec(1024);
        ByteBuf in = Unpooled.buffer();
        try {
            in.writeCharSequence("{\"method\":", StandardCharsets.UTF_8);
            assertThat(server.readRequest(in, m -> Args.class)).isNull();
            in.writeCharSequence("}\n", StandardCharsets.UTF_8);
            assertThatThrownBy(() -> server.readRequest(in, m -> Args.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("malformed JSON");
        } finally {
            in.release();
        }
    }

    @Test
    void aSeparatorHeldBackAtTheEndOfAReadIsDecodedWithTheNextRead() {
        String request = "{\"method\":\"Arith.Multiply\",\"params\":[{\"A\":7,\"B\":8}],\"id\":0}\n";
        for (int split = 1; split < request.indexOf("}]"); split++) { // every read before the last ends mid-value
            ServerCodec server = new JsonRpcCodec().newServerCodec(1024);
            ByteBuf in = Unpooled.buffer();
            try {
                in.writeCharSequence(request.substring(0, split), StandardCharsets.UTF_8);
                assertThat(server.readRequest(in, m -> Args.class)).isNull();
                in.writeCharSequence(request.substring(split), StandardCharsets.UTF_8);
                DecodedRequest r = server.readRequest(in, m -> Args.class);
                assertThat(r.args()).as("split at %d", split).isEqualTo(new Args(7, 8));
            } finally {
                in.release();
            }
        }
    }

    @Test
    void whitespaceAfterACommaCannotGrowPastTheMessageLimit() {
        ServerCodec server = new JsonRpcCodec().newServerCodec(64);
        ByteBuf in = Unpooled.buffer();
        try {
            in.writeCharSequence("{\"method\":\"Echo.Echo\"," + " ".repeat(100), StandardCharsets.UTF_8);
            assertThatThrownBy(() -> server.readRequest(in, m -> String.class))
                    .isInstanceOf(CodecException.class)
                    .hasMessageContaining("longer than the limit of 64 bytes");
        } finally {
            in.release();
        }
    }
}
