package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client and server codecs against each other, byte by byte, and against Go's exact bytes. */
class GobCodecTest {
    record Args(long a, long b) {}

    record Quotient(long quo, long rem) {}

    private final ClientCodec client = GobCodec.create().newClientCodec(1 << 20);
    private final ServerCodec server = GobCodec.create().newServerCodec(1 << 20);
    private final ByteBuf wire = Unpooled.buffer();

    @AfterEach
    void release() {
        wire.release();
    }

    @Test
    void requestsAndResponsesCrossInAnySplit() {
        client.writeRequest(new RequestHeader("Arith.Divide", 1), new Args(17, 5), wire);
        client.writeRequest(new RequestHeader("Arith.Divide", 2), new Args(9, 2), wire);
        List<DecodedRequest> got = feedByteByByte(wire, in -> server.readRequest(in, m -> Args.class));
        assertThat(got).extracting(DecodedRequest::args).containsExactly(new Args(17, 5), new Args(9, 2));
        assertThat(got).extracting(r -> r.header().seq()).containsExactly(1L, 2L);

        server.writeResponse(new ResponseHeader("Arith.Divide", 1, ""), new Quotient(3, 2), wire);
        server.writeResponse(new ResponseHeader("Arith.Divide", 2, "divide by zero"), null, wire);
        List<DecodedResponse> replies = feedByteByByte(wire, in -> client.readResponse(in, seq -> Quotient.class));
        assertThat(replies.get(0).reply()).isEqualTo(new Quotient(3, 2));
        assertThat(replies.get(1).header().error()).isEqualTo("divide by zero");
        assertThat(replies.get(1).reply()).isNull();
    }

    /**
     * The decoder copies each message into one array it reuses (up to 64 KiB; larger ones get their
     * own): values decoded earlier must not change when later messages, smaller or larger, arrive.
     */
    @Test
    void decodedValuesKeepTheirBytesWhileLaterMessagesOfEverySizeArrive() {
        int[] sizes = {3, 70_000, 10, 64 * 1024, 65 * 1024, 1, 40_000, 200, 0};
        for (int i = 0; i < sizes.length; i++) {
            server.writeResponse(new ResponseHeader("Echo.Bytes", i, ""), filled(sizes[i], i), wire);
            server.writeResponse(new ResponseHeader("Echo.Echo", 100 + i, ""), "text " + "é".repeat(sizes[i] % 50), wire);
        }
        List<DecodedResponse> replies = new java.util.ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            replies.add(client.readResponse(wire, seq -> byte[].class));
            replies.add(client.readResponse(wire, seq -> String.class));
        }
        for (int i = 0; i < sizes.length; i++) {
            assertThat(replies.get(2 * i).header().seq()).isEqualTo(i);
            assertThat((byte[]) replies.get(2 * i).reply()).as("bytes of reply %d", i).isEqualTo(filled(sizes[i], i));
            assertThat(replies.get(2 * i + 1).reply()).isEqualTo("text " + "é".repeat(sizes[i] % 50));
            assertThat(replies.get(2 * i + 1).header().serviceMethod()).isEqualTo("Echo.Echo");
        }
    }

    private static byte[] filled(int size, int seed) {
        byte[] b = new byte[size];
        for (int i = 0; i < size; i++) {
            b[i] = (byte) (seed * 31 + i);
        }
        return b;
    }

    @Test
    void writesTheRequestExactlyAsGosClientDoes() {
        // Captured from Go 1.19: client.Call("Arith.Multiply", &Args{7, 8}, &reply) on a fresh connection
        // (Go's type ids differ per process; these are the ids a fresh Go process assigns).
        client.writeRequest(new RequestHeader("Arith.Multiply", 0), new Args(7, 8), wire);
        String hex = HexFormat.ofDelimiter(" ").formatHex(io.netty.buffer.ByteBufUtil.getBytes(wire));
        assertThat(hex.replace(" ", "")).isEqualTo("2fff81030101075265717565737401ff82000102010d536572766963654d6574686f64010c000103536571010600000013ff82010e41726974682e4d756c7469706c79001eff83030101044172677301ff84000102010141010400010142010400000007ff84010e011000");
    }

    @Test
    void aBodyNobodyWaitsForIsSkipped() {
        server.writeResponse(new ResponseHeader("Echo.Echo", 5, ""), Map.of("a", List.of(1L, 2L)), wire);
        server.writeResponse(new ResponseHeader("Echo.Echo", 6, ""), "next", wire);
        DecodedResponse first = client.readResponse(wire, seq -> null);
        assertThat(first.reply()).isNull();
        assertThat(first.header().seq()).isEqualTo(5);
        assertThat(client.readResponse(wire, seq -> String.class).reply()).isEqualTo("next");
    }

    @Test
    void anArgumentThatDoesNotFitIsReportedAndTheConnectionGoesOn() {
        client.writeRequest(new RequestHeader("Arith.Divide", 1), "not args", wire);
        client.writeRequest(new RequestHeader("Arith.Divide", 2), new Args(1, 2), wire);
        DecodedRequest bad = server.readRequest(wire, m -> Args.class);
        assertThat(bad.args()).isNull();
        assertThat(bad.bodyError()).contains("type mismatch").contains("string").contains("Args");
        assertThat(server.readRequest(wire, m -> Args.class).args()).isEqualTo(new Args(1, 2));
    }

    @Test
    void aReplyThatDoesNotFitFailsOnlyThatCallAsGosClientDoes() {
        server.writeResponse(new ResponseHeader("Echo.Echo", 1, ""), "text", wire);
        server.writeResponse(new ResponseHeader("Echo.Echo", 2, ""), "text", wire);
        DecodedResponse r = client.readResponse(wire, seq -> Long.class);
        assertThat(r.header().error()).startsWith("reading body gob: type mismatch");
        assertThat(client.readResponse(wire, seq -> String.class).reply()).isEqualTo("text");
    }

    @Test
    void aFailedEncodeAppendsNothingAndKeepsTheStreamState() {
        record Bad(List<String> items) {}
        java.util.ArrayList<String> withNull = new java.util.ArrayList<>();
        withNull.add(null);
        assertThatThrownBy(() -> client.writeRequest(new RequestHeader("X.Y", 1), new Bad(withNull), wire))
                .isInstanceOf(CodecException.class).hasMessageContaining("Bad.items").hasMessageContaining("null");
        assertThat(wire.readableBytes()).isZero();
        // the failed call must not have "sent" the Bad type: the next Bad request defines it again
        client.writeRequest(new RequestHeader("X.Y", 2), new Bad(List.of("ok")), wire);
        DecodedRequest r = server.readRequest(wire, m -> Bad.class);
        assertThat(r.args()).isEqualTo(new Bad(List.of("ok")));
    }

    @Test
    void aMessageOverTheLimitFailsFromItsLengthPrefixAlone() {
        ClientCodec small = GobCodec.create().newClientCodec(64);
        wire.writeBytes(new byte[] {(byte) 0xFD, 0x01, 0x00, 0x00}); // a 65536-byte message announced, none sent
        assertThatThrownBy(() -> small.readResponse(wire, seq -> String.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("65536").hasMessageContaining("limit of 64");
    }

    @Test
    void nullArgumentsAndRepliesAreRefusedWithoutWriting() {
        assertThatThrownBy(() -> client.writeRequest(new RequestHeader("X.Y", 1), null, wire))
                .isInstanceOf(CodecException.class).hasMessageContaining("null argument");
        assertThatThrownBy(() -> server.writeResponse(new ResponseHeader("X.Y", 1, ""), null, wire))
                .isInstanceOf(CodecException.class).hasMessageContaining("null reply");
        assertThat(wire.readableBytes()).isZero();
    }

    private static <T> List<T> feedByteByByte(ByteBuf all, java.util.function.Function<ByteBuf, T> read) {
        ByteBuf in = Unpooled.buffer();
        List<T> out = new java.util.ArrayList<>();
        try {
            while (all.isReadable()) {
                in.writeByte(all.readByte());
                T t;
                while ((t = read.apply(in)) != null) {
                    out.add(t);
                }
                in.discardReadBytes();
            }
            assertThat(in.readableBytes()).isZero();
        } finally {
            in.release();
        }
        return out;
    }
}
