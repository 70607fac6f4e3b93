package dev.rpcpool.codec.jsonrpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Byte-exact behaviour of the jsonrpc codec against Go's net/rpc/jsonrpc. */
class JsonRpcCodecTest {
    private static final int MAX = 1024;
    private final JsonRpcCodec codec = new JsonRpcCodec();
    private final List<ByteBuf> buffers = new ArrayList<>();

    @AfterEach
    void releaseBuffers() {
        for (ByteBuf b : buffers) {
            assertThat(b.release()).isTrue();
        }
    }

    private ByteBuf buf(String s) {
        ByteBuf b = Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
        buffers.add(b);
        return b;
    }

    private ByteBuf empty() {
        ByteBuf b = Unpooled.buffer();
        buffers.add(b);
        return b;
    }

    private static String text(ByteBuf b) {
        return b.toString(StandardCharsets.UTF_8);
    }

    @Test
    void requestIsWrittenExactlyAsGoWritesIt() {
        ByteBuf out = empty();
        codec.newClientCodec(MAX).writeRequest(new RequestHeader("Arith.Multiply", 0), new Args(7, 8), out);
        assertThat(text(out)).isEqualTo("{\"method\":\"Arith.Multiply\",\"params\":[{\"A\":7,\"B\":8}],\"id\":0}\n");
    }

    @Test
    void repliesAreWrittenExactlyAsGoWritesThem() {
        ServerCodec server = codec.newServerCodec(MAX);
        ByteBuf in = buf("{\"method\":\"Arith.Multiply\",\"params\":[{\"A\":7,\"B\":8}],\"id\":0}\n"
                + "{\"method\":\"Arith.Divide\",\"params\":[{\"A\":1,\"B\":0}],\"id\":1}\n");
        DecodedRequest first = server.readRequest(in, m -> Args.class);
        DecodedRequest second = server.readRequest(in, m -> Args.class);
        assertThat(first.args()).isEqualTo(new Args(7, 8));
        ByteBuf out = empty();
        server.writeResponse(new ResponseHeader("Arith.Multiply", first.header().seq(), ""), 56, out);
        server.writeResponse(new ResponseHeader("Arith.Divide", second.header().seq(), "divide by zero"), null, out);
        assertThat(text(out)).isEqualTo("{\"id\":0,\"result\":56,\"error\":null}\n"
                + "{\"id\":1,\"result\":null,\"error\":\"divide by zero\"}\n");
    }

    @Test
    void serverEchoesAnyJsonIdUnchanged() {
        ServerCodec server = codec.newServerCodec(MAX);
        for (String id : List.of("7", "\"abc\"", "{\"x\":[1,true]}", "null", "18446744073709551615")) {
            DecodedRequest r = server.readRequest(buf("{\"method\":\"Echo.Echo\",\"params\":[\"hi\"],\"id\":" + id + "}"), m -> String.class);
            ByteBuf out = empty();
            server.writeResponse(new ResponseHeader("Echo.Echo", r.header().seq(), ""), "hi", out);
            assertThat(text(out)).isEqualTo("{\"id\":" + id + ",\"result\":\"hi\",\"error\":null}\n");
        }
        DecodedRequest noId = server.readRequest(buf("{\"method\":\"Echo.Echo\",\"params\":[\"hi\"]}"), m -> String.class);
        ByteBuf out = empty();
        server.writeResponse(new ResponseHeader("Echo.Echo", noId.header().seq(), ""), "hi", out);
        assertThat(text(out)).isEqualTo("{\"id\":null,\"result\":\"hi\",\"error\":null}\n");
    }

    @Test
    void recordsReadFieldNamesCaseInsensitivelyAndIgnoreUnknownOnes() {
        ClientCodec client = codec.newClientCodec(MAX);
        DecodedResponse r = client.readResponse(buf("{\"ID\":3,\"Result\":{\"quo\":3,\"REM\":2,\"Extra\":1},\"Error\":null}"),
                seq -> Quotient.class);
        assertThat(r.header().seq()).isEqualTo(3);
        assertThat(r.reply()).isEqualTo(new Quotient(3, 2));
    }

    @Test
    void messagesSplitAtEveryByteAndPackedTogetherAreAllRead() {
        String stream = "{\"id\":0,\"result\":56,\"error\":null}\n{\"id\":1,\"result\":\"a}\\\"{\",\"error\":null} {\"id\":2,\"result\":[1,2],\"error\":null}";
        ClientCodec client = codec.newClientCodec(MAX);
        ByteBuf in = empty();
        List<Object> replies = new ArrayList<>();
        for (byte b : stream.getBytes(StandardCharsets.UTF_8)) {
            in.writeByte(b);
            DecodedResponse r;
            while ((r = client.readResponse(in, seq -> seq == 0 ? Integer.class : seq == 1 ? String.class : int[].class)) != null) {
                replies.add(r.reply());
            }
        }
        assertThat(replies).hasSize(3);
        assertThat(replies.get(0)).isEqualTo(56);
        assertThat(replies.get(1)).isEqualTo("a}\"{");
        assertThat((int[]) replies.get(2)).containsExactly(1, 2);
    }

    @Test
    void nullResultWithNullErrorIsAValidEmptyReply() {
        DecodedResponse r = codec.newClientCodec(MAX).readResponse(buf("{\"id\":0,\"result\":null,\"error\":null}"), seq -> List.class);
        assertThat(r.header().isError()).isFalse();
        assertThat(r.reply()).isNull();
        assertThat(r.bodyError()).isNull();
    }

    @Test
    void errorsAreServerErrorsAndAnEmptyOneIsUnspecified() {
        ClientCodec client = codec.newClientCodec(MAX);
        assertThat(client.readResponse(buf("{\"id\":4,\"result\":null,\"error\":\"divide by zero\"}"), seq -> Integer.class)
                .header().error()).isEqualTo("divide by zero");
        assertThat(client.readResponse(buf("{\"id\":5,\"result\":1,\"error\":\"\"}"), seq -> Integer.class)
                .header().error()).isEqualTo("unspecified error");
        assertThatThrownBy(() -> client.readResponse(buf("{\"id\":6,\"result\":null,\"error\":{\"code\":1}}"), seq -> Integer.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("invalid error");
    }

    @Test
    void voidReplyTypeIgnoresAnyResult() {
        ClientCodec client = codec.newClientCodec(MAX);
        DecodedResponse r = client.readResponse(buf("{\"id\":1,\"result\":{\"a\":[1]},\"error\":null}"), seq -> Void.class);
        assertThat(r.reply()).isNull();
        assertThat(r.bodyError()).isNull();
    }

    @Test
    void randomlyChunkedStreamsOfManyMessagesDecodeIdenticallyOnBothSides() {
        java.util.Random random = new java.util.Random(42);
        StringBuilder requests = new StringBuilder();
        for (int i = 0; i < 200; i++) {
            requests.append("{\"method\":\"Echo.Echo\",\"params\":[\"m").append(i).append(" \\\"}{[\"],\"id\":").append(i).append("}")
                    .append(i % 3 == 0 ? "\n" : i % 3 == 1 ? " " : "");
        }
        byte[] bytes = requests.toString().getBytes(StandardCharsets.UTF_8);
        ServerCodec server = codec.newServerCodec(MAX);
        ByteBuf in = empty();
        List<Object> args = new ArrayList<>();
        for (int pos = 0; pos < bytes.length; ) {
            int n = Math.min(bytes.length - pos, 1 + random.nextInt(40));
            in.writeBytes(bytes, pos, n);
            pos += n;
            DecodedRequest r;
            while ((r = server.readRequest(in, m -> String.class)) != null) {
                args.add(r.args());
            }
            in.discardReadBytes();
        }
        assertThat(args).hasSize(200);
        for (int i = 0; i < 200; i++) {
            assertThat(args.get(i)).isEqualTo("m" + i + " \"}{[");
        }
    }

    @Test
    void replyOfNoWaitingCallIsReadAndDiscarded() {
        ByteBuf in = buf("{\"id\":9,\"result\":{\"big\":[1,2,3]},\"error\":null}{\"id\":10,\"result\":1,\"error\":null}");
        ClientCodec client = codec.newClientCodec(MAX);
        DecodedResponse discarded = client.readResponse(in, seq -> null);
        assertThat(discarded.header().seq()).isEqualTo(9);
        assertThat(discarded.reply()).isNull();
        assertThat(client.readResponse(in, seq -> Integer.class).reply()).isEqualTo(1);
    }

    @Test
    void replyThatDoesNotFitTheTypeFailsOnlyThatCall() {
        ClientCodec client = codec.newClientCodec(MAX);
        ByteBuf in = buf("{\"id\":1,\"result\":\"text\",\"error\":null}{\"id\":2,\"result\":2,\"error\":null}");
        DecodedResponse bad = client.readResponse(in, seq -> Quotient.class);
        assertThat(bad.bodyError()).startsWith("reading body ");
        assertThat(client.readResponse(in, seq -> Integer.class).reply()).isEqualTo(2);
    }

    @Test
    void malformedOrOversizedInputIsACodecException() {
        assertThatThrownBy(() -> codec.newClientCodec(MAX).readResponse(buf("{\"id\":1,]"), seq -> Integer.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("malformed JSON");
        assertThatThrownBy(() -> codec.newClientCodec(MAX).readResponse(buf("[1,2]"), seq -> Integer.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("not a JSON object");
        assertThatThrownBy(() -> codec.newClientCodec(MAX).readResponse(buf("{\"id\":\"x\",\"result\":1}"), seq -> Integer.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("unsigned integer");
        String big = "{\"id\":1,\"result\":\"" + "x".repeat(2 * MAX) + "\",\"error\":null}";
        assertThatThrownBy(() -> codec.newClientCodec(MAX).readResponse(buf(big), seq -> String.class))
                .isInstanceOf(CodecException.class);
        String many = "{\"id\":1,\"result\":[" + "1,".repeat(MAX) + "1],\"error\":null}";
        assertThatThrownBy(() -> codec.newClientCodec(MAX).readResponse(buf(many), seq -> int[].class))
                .isInstanceOf(CodecException.class).hasMessageContaining("limit of " + MAX + " bytes");
    }

    @Test
    void serverRejectsParamsThatAreNotAOneElementArrayButAnswersMissingParamsLikeGo() {
        assertThatThrownBy(() -> codec.newServerCodec(MAX).readRequest(buf("{\"method\":\"Arith.Multiply\",\"params\":{\"A\":1},\"id\":1}"), m -> Args.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("one-element array");
        assertThatThrownBy(() -> codec.newServerCodec(MAX).readRequest(buf("{\"method\":\"Arith.Multiply\",\"params\":[1,2],\"id\":1}"), m -> Args.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("one-element array");
        DecodedRequest missing = codec.newServerCodec(MAX).readRequest(buf("{\"method\":\"Arith.Multiply\",\"id\":1}"), m -> Args.class);
        assertThat(missing.bodyError()).isEqualTo("jsonrpc: request body missing params");
        DecodedRequest wrongType = codec.newServerCodec(MAX).readRequest(buf("{\"method\":\"Arith.Multiply\",\"params\":[\"x\"],\"id\":1}"), m -> Args.class);
        assertThat(wrongType.bodyError()).contains("Arith.Multiply");
        DecodedRequest unknown = codec.newServerCodec(MAX).readRequest(buf("{\"method\":\"Nope.X\",\"params\":{},\"id\":1}"), m -> null);
        assertThat(unknown.args()).isNull();
        assertThat(unknown.bodyError()).isNull();
    }

    @Test
    void failedEncodingAppendsNothingAndTheCodecStaysUsable() {
        ClientCodec client = codec.newClientCodec(MAX);
        ByteBuf out = empty();
        out.writeByte('x');
        assertThatThrownBy(() -> client.writeRequest(new RequestHeader("X.Y", 1), new Unencodable(), out))
                .isInstanceOf(CodecException.class).hasMessageContaining("X.Y");
        assertThat(text(out)).isEqualTo("x");
        client.writeRequest(new RequestHeader("X.Y", 2), 5, out);
        assertThat(text(out)).isEqualTo("x{\"method\":\"X.Y\",\"params\":[5],\"id\":2}\n");
    }

    /** A value Jackson can start to write but not finish. */
    public static final class Unencodable {
        public int getA() {
            return 1;
        }

        public int getB() {
            throw new IllegalStateException("boom");
        }
    }
}
