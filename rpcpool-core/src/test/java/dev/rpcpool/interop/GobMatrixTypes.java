package dev.rpcpool.interop;

import dev.rpcpool.codec.gob.GobArray;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.gob.GobUnsigned;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Java twins of {@code interop/go/gobtypes}: the gob interop type matrix. */
public final class GobMatrixTypes {
    private GobMatrixTypes() {}

    public record Inner(String name, List<String> tags, byte[] data) {}

    public record Shape(String kind, double side) {}

    /** Go's Matrix minus its Extra field, which Go sends and Java skips. */
    public record Matrix(boolean b, long i, byte i8, int i32, long i64, @GobUnsigned long u, @GobUnsigned long u64,
            double f, float f32, String s, byte[] bs, Instant t, List<Long> ints, List<String> strs, List<Double> flts,
            Inner in, List<Inner> ins, Map<String, Long> m, Map<Long, Inner> mI, Inner p, Object any,
            List<List<Long>> nest) {}

    public record Node(long value, List<Node> kids) {}

    /** Go's fixed-size arrays, sent as such with {@code @GobArray}. */
    public record Fixed(@GobArray(32) byte[] digest, @GobArray(4) long[] quad, @GobArray(2) List<String> names,
            @GobArray(2) List<Inner> pair, @GobArray({2, 3}) long[][] grid, @GobArray({GobArray.SLICE, 2}) List<byte[]> keys,
            long height) {}

    /** Go arrays held in maps ({@code gobtypes.Tagged}), sent as such with {@code GobArray.MAP} levels. */
    public record Tagged(@GobArray({GobArray.MAP, 4}) Map<String, byte[]> tags,
            @GobArray({GobArray.SLICE, GobArray.MAP, 2}) List<Map<String, long[]>> rows, long n) {}

    /** The same Go struct read without annotations. */
    public record TaggedAsSlices(Map<String, byte[]> tags, List<Map<String, long[]>> rows, long n) {}

    /** The same Go struct read without annotations: arrays decode into plain Java arrays and lists. */
    public record FixedAsSlices(byte[] digest, long[] quad, List<String> names, List<Inner> pair, long[][] grid,
            List<byte[]> keys, long height) {}

    /** A {@link Fixed} with every kind of element: bytes above 127, int64 extremes, non-ASCII strings, structs. */
    public static Fixed sampleFixed() {
        byte[] digest = new byte[32];
        for (int i = 0; i < digest.length; i++) {
            digest[i] = (byte) (i * 8 + 1); // 1 .. 249
        }
        return new Fixed(digest, new long[] {Long.MIN_VALUE, -1, 0, Long.MAX_VALUE}, List.of("α", ""),
                List.of(new Inner("a", List.of("t"), new byte[] {1}), new Inner("b", null, null)),
                new long[][] {{1, -2, 3}, {Long.MAX_VALUE, 0, Long.MIN_VALUE}},
                List.of(new byte[] {(byte) 255, 0}, new byte[] {7, 8}, new byte[] {9, 10}), 9);
    }

    /**
     * Asserts two decoded values are equal field by field, arrays by content, floating point
     * exactly (NaN equals NaN, -0.0 differs from 0.0).
     */
    public static void assertSameValue(Object actual, Object expected) {
        org.assertj.core.api.Assertions.assertThat(actual).usingRecursiveComparison()
                .withComparatorForType(Double::compare, Double.class)
                .withComparatorForType(Float::compare, Float.class)
                .isEqualTo(expected);
    }

    /** The codec with gobtypes' interface registrations. */
    public static GobCodec codec() {
        return GobCodec.builder()
                .register(GobEchoPeer.PKG + "Inner", Inner.class)
                .register(GobEchoPeer.PKG + "Shape", Shape.class)
                .build();
    }
}
