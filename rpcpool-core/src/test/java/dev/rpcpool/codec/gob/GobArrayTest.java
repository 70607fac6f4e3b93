package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.CodecException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link GobArray}: fields sent as Go fixed-size arrays, Java to Java and against bytes Go's
 * encoder wrote; Go itself decoding them is {@code GobEchoIT}'s.
 */
class GobArrayTest {
    record Block(@GobArray(4) byte[] hash, @GobArray(3) long[] quad, @GobArray(2) List<String> names, long height) {}

    record PlainBlock(byte[] hash, long[] quad, List<String> names, long height) {}

    private static byte[] encode(Object value) {
        return GobCodec.create().newEncoder().encode(value);
    }

    private static <T> T decode(byte[] bytes, Class<T> type) {
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            return type.cast(GobCodec.create().newDecoder(1 << 20).decode(in, type).orElseThrow());
        } finally {
            in.release();
        }
    }

    @Test
    void arraysRoundTripIntoAnnotatedAndPlainJavaTypes() {
        Block b = new Block(new byte[] {0, 127, (byte) 128, (byte) 255}, new long[] {-1, 0, Long.MAX_VALUE},
                List.of("a", "β"), 7);
        byte[] wire = encode(b);
        Block back = decode(wire, Block.class);
        assertThat(back.hash()).containsExactly(b.hash());
        assertThat(back.quad()).containsExactly(b.quad());
        assertThat(back.names()).containsExactly("a", "β");
        PlainBlock plain = decode(wire, PlainBlock.class);
        assertThat(plain.hash()).containsExactly(b.hash());
        assertThat(plain.quad()).containsExactly(b.quad());
        assertThat(plain.height()).isEqualTo(7);
    }

    @Test
    void theTypeDefinitionIsGobsArrayTypeWithTheLength() {
        // byte[] is Go's [4]uint8: each byte a gob uint (255 is 0xFF 0xFF), not raw bytes as []byte sends them
        record Digest(@GobArray(4) byte[] sum) {}
        byte[] wire = encode(new Digest(new byte[] {1, 2, 3, (byte) 255}));
        String hex = HexFormat.of().formatHex(wire);
        assertThat(hex).as("wireType{ArrayT: {Elem: uint (3), Len: 4}}").contains("0106010800");
        assertThat(hex).as("field 1: count 4, then 1 2 3 255").endsWith("0104010203ffff00");
        assertThat(decode(wire, Digest.class).sum()).containsExactly(1, 2, 3, (byte) 255);
        // unannotated, the same field is a []byte: count, then the raw bytes
        record Slice(byte[] sum) {}
        assertThat(HexFormat.of().formatHex(encode(new Slice(new byte[] {1, 2, 3, (byte) 255})))).endsWith("0104010203ff00");
    }

    @Test
    void aValueOfAnotherLengthIsRefusedNamingTheField() {
        assertThatThrownBy(() -> encode(new Block(new byte[3], new long[3], List.of("a", "b"), 1)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("field hash of Block is a Go [4] array (@GobArray(4)) but holds 3 elements");
        assertThatThrownBy(() -> encode(new Block(new byte[4], new long[3], List.of("a"), 1)))
                .isInstanceOf(CodecException.class)
                .hasMessageContaining("field names of Block is a Go [2] array").hasMessageContaining("holds 1 element");
    }

    @Test
    void aNullArrayIsOmittedAndDecodesAsAbsent() {
        Block back = decode(encode(new Block(null, null, null, 3)), Block.class);
        assertThat(back.hash()).isNull();
        assertThat(back.height()).isEqualTo(3);
    }

    @Test
    void theAnnotationOnlyFitsArraysAndLists() {
        record Wrong(@GobArray(2) String s) {}
        assertThatThrownBy(() -> encode(new Wrong("x"))).hasMessageContaining("@GobArray applies to Java arrays and Lists")
                .hasMessageContaining("java.lang.String");
        record Negative(@GobArray(-5) long[] xs) {}
        assertThatThrownBy(() -> encode(new Negative(new long[0])))
                .hasMessageContaining("@GobArray lengths must be >= 0, GobArray.SLICE or GobArray.MAP, not -5");
        record TooDeep(@GobArray({2, 2}) long[] xs) {}
        assertThatThrownBy(() -> encode(new TooDeep(new long[2])))
                .hasMessageContaining("@GobArray applies to Java arrays and Lists, not long (field xs of TooDeep)");
        record NotNested(@GobArray({2, 2}) String s) {}
        assertThatThrownBy(() -> encode(new NotNested("x")))
                .hasMessageContaining("@GobArray gives 2 levels, but java.lang.String has no element to give level 2 to");
        record NoLength(@GobArray({}) long[] xs) {}
        assertThatThrownBy(() -> encode(new NoLength(new long[2]))).hasMessageContaining("@GobArray needs a length");
        record Both(@GobUnsigned @GobArray(2) long[] xs) {}
        assertThatThrownBy(() -> encode(new Both(new long[2]))).hasMessageContaining("cannot be combined");
    }

    @Test
    void aGoByteArrayElementThatIsNoByteIsAnError() {
        // a [2]int array holding 1 and 300 decoded into byte[]
        record Ints(@GobArray(2) long[] sum) {}
        record Bytes(byte[] sum) {}
        byte[] wire = encode(new Ints(new long[] {1, 300}));
        assertThatThrownBy(() -> decode(wire, Bytes.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("element 1 of a Go [2] array of int is 300, which does not fit a byte");
        assertThat(decode(encode(new Ints(new long[] {-128, 127})), Bytes.class).sum()).containsExactly(-128, 127);
    }

    @Test
    void aLongArrayFieldIsSentAsGoIntArray() {
        record Quad(@GobArray(4) int[] q) {}
        assertThat(Arrays.stream(decode(encode(new Quad(new int[] {1, -2, 3, -4})), Quad.class).q()).sum()).isEqualTo(-2);
    }

    @Test
    void aTopLevelGoArrayIsSentAsAnArrayAndDecodesIntoPlainJavaTypes() {
        byte[] digest = {9, 8, (byte) 200};
        byte[] wire = encode(new GoArray(3, digest));
        assertThat(HexFormat.of().formatHex(wire)).as("singleton delta 0, count 3, then 9 8 200").endsWith("000309" + "08ffc8");
        assertThat(decode(wire, byte[].class)).containsExactly(digest);
        assertThat(decode(encode(new GoArray(2, List.of("x", "y"))), List.class)).containsExactly("x", "y");
    }

    @Test
    void aGoArrayChecksItsLengthAndIsNoFieldType() {
        assertThatThrownBy(() -> new GoArray(32, new byte[31])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("GoArray of length 32 given 31 elements");
        assertThatThrownBy(() -> new GoArray(1, "x")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be a Java array or a List");
        record Holder(GoArray a) {}
        assertThatThrownBy(() -> encode(new Holder(new GoArray(1, new long[1])))).hasMessageContaining("@GobArray(N)");
    }

    @Test
    void nestedLevelsAreArraysOrSlicesAsTheLengthsSay() {
        record Nested(@GobArray({2, 3}) long[][] grid, @GobArray({GobArray.SLICE, 2}) List<byte[]> keys) {}
        Nested n = new Nested(new long[][] {{1, 2, 3}, {4, 5, 6}}, List.of(new byte[] {1, (byte) 200}, new byte[] {3, 4}));
        Nested back = decode(encode(n), Nested.class);
        assertThat(back.grid()).isDeepEqualTo(n.grid());
        assertThat(back.keys()).hasSize(2);
        assertThat(back.keys().get(1)).containsExactly(3, 4);
        assertThatThrownBy(() -> encode(new Nested(new long[][] {{1, 2, 3}, {4, 5}}, null)))
                .isInstanceOf(CodecException.class).hasMessageContaining("field grid of Nested is a Go [3] array")
                .hasMessageContaining("holds 2 elements");
        assertThatThrownBy(() -> encode(new Nested(null, List.of(new byte[3]))))
                .isInstanceOf(CodecException.class).hasMessageContaining("field keys of Nested is a Go [2] array");
    }

    @Test
    void aMapLevelSendsArraysHeldInAMap() {
        record Tags(@GobArray({GobArray.MAP, 2}) Map<String, byte[]> tags) {}
        byte[] wire = encode(new Tags(Map.of("k", new byte[] {1, (byte) 200})));
        // the map's value type is gob's array type [2]uint8 (ArrayT, field 1 of wireType), not []byte
        assertThat(HexFormat.of().formatHex(wire)).as("wireType{ArrayT: {Elem: uint (3), Len: 2}}").contains("0106010400");
        assertThat(decode(wire, Tags.class).tags().get("k")).containsExactly(1, (byte) 200);
        assertThatThrownBy(() -> encode(new Tags(Map.of("k", new byte[3]))))
                .isInstanceOf(CodecException.class).hasMessageContaining("field tags of Tags is a Go [2] array");
    }

    @Test
    void aMapLevelNeedsAMapAndALevelForItsValues() {
        record NotAMap(@GobArray({GobArray.MAP, 2}) List<byte[]> v) {}
        record NoValueLevel(@GobArray(GobArray.MAP) Map<String, byte[]> v) {}
        record Unknown(@GobArray(-3) byte[] v) {}
        assertThatThrownBy(() -> encode(new NotAMap(List.of())))
                .hasMessageContaining("level 1 is GobArray.MAP, but java.util.List<byte[]> is no Map");
        assertThatThrownBy(() -> encode(new NoValueLevel(Map.of())))
                .hasMessageContaining("no level follows for the map's values");
        assertThatThrownBy(() -> encode(new Unknown(new byte[1])))
                .hasMessageContaining("must be >= 0, GobArray.SLICE or GobArray.MAP, not -3");
    }
}
