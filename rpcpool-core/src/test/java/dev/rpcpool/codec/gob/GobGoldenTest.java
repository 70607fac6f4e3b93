package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Byte-exact vectors from Go's own documentation and Go's encoder. */
class GobGoldenTest {
    record Point(long x, long y) {}

    private static final HexFormat HEX = HexFormat.ofDelimiter(" ");

    @Test
    void encodesThePointExampleFromGoDocExactly() {
        byte[] bytes = GobCodec.create().newEncoder().encode(new Point(22, 33));
        assertThat(HEX.formatHex(bytes)).isEqualTo(
                "1f ff 81 03 01 01 05 50 6f 69 6e 74 01 ff 82 00 01 02 01 01 58 01 04 00 01 01 59 01 04 00 00 00"
                        + " 07 ff 82 01 2c 01 42 00");
    }

    @Test
    void decodesThePointExampleFromGoDocIntoARecordAndDynamically() {
        byte[] bytes = HEX.parseHex("1f ff 81 03 01 01 05 50 6f 69 6e 74 01 ff 82 00 01 02 01 01 58 01 04 00 01 01 59"
                + " 01 04 00 00 00 07 ff 82 01 2c 01 42 00");
        assertThat(GobCodec.create().newDecoder(1 << 20).decode(Unpooled.wrappedBuffer(bytes), Point.class))
                .contains(new Point(22, 33));
        assertThat(GobCodec.create().newDecoder(1 << 20).decode(Unpooled.wrappedBuffer(bytes), Object.class))
                .contains(Map.of("X", 22L, "Y", 33L));
    }

    @Test
    void sendsEachTypeDefinitionOncePerStream() {
        GobEncoder enc = GobCodec.create().newEncoder();
        enc.encode(new Point(1, 2));
        assertThat(HEX.formatHex(enc.encode(new Point(22, 33)))).isEqualTo("07 ff 82 01 2c 01 42 00");
    }

    @Test
    void topLevelNonStructsCarryTheSingletonDelta() {
        // Go: enc.Encode("hi") -> 05 0c 00 02 68 69 (id 6 = string, delta 0, len 2)
        assertThat(HEX.formatHex(GobCodec.create().newEncoder().encode("hi"))).isEqualTo("05 0c 00 02 68 69");
        assertThat(HEX.formatHex(GobCodec.create().newEncoder().encode(-1L))).isEqualTo("03 04 00 01");
        assertThat(HEX.formatHex(GobCodec.create().newEncoder().encode(256L))).isEqualTo("05 04 00 fe 02 00");
    }

    @Test
    void decodesAStreamArrivingOneByteAtATime() {
        GobEncoder enc = GobCodec.create().newEncoder();
        ByteBuf all = Unpooled.buffer();
        all.writeBytes(enc.encode(new Point(1, 2)));
        all.writeBytes(enc.encode(List.of("a", "ü", "日本")));
        GobDecoder dec = GobCodec.create().newDecoder(1024);
        ByteBuf in = Unpooled.buffer();
        java.util.List<Object> got = new java.util.ArrayList<>();
        while (all.isReadable()) {
            in.writeByte(all.readByte());
            java.lang.reflect.Type t = got.isEmpty() ? Point.class : Object.class;
            dec.decode(in, t).ifPresent(got::add);
            in.discardReadBytes();
        }
        assertThat(got).containsExactly(new Point(1, 2), List.of("a", "ü", "日本"));
        all.release();
        in.release();
    }
}
