package dev.rpcpool.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.gob.GoArray;
import dev.rpcpool.codec.gob.GoComplex;
import dev.rpcpool.interop.GobMatrixTypes.Fixed;
import dev.rpcpool.interop.GobMatrixTypes.FixedAsSlices;
import dev.rpcpool.interop.GobMatrixTypes.Inner;
import dev.rpcpool.interop.GobMatrixTypes.Matrix;
import dev.rpcpool.interop.GobMatrixTypes.Node;
import dev.rpcpool.interop.GobMatrixTypes.Shape;
import dev.rpcpool.interop.GobMatrixTypes.Tagged;
import dev.rpcpool.interop.GobMatrixTypes.TaggedAsSlices;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Fixed values through Go's encoding/gob and back (gobecho), including Go-made extremes. */
class GobEchoIT {
    private static GobEchoPeer go;

    @BeforeAll
    static void start() {
        go = new GobEchoPeer(GobMatrixTypes.codec());
    }

    @AfterAll
    static void stop() {
        if (go != null) {
            go.close();
        }
    }

    @Test
    void goExtremesDecodeExactlyAndSurviveARoundTrip() {
        Matrix m = (Matrix) go.extremes(Matrix.class);
        assertThat(m.i()).isEqualTo(Long.MIN_VALUE);
        assertThat(m.i8()).isEqualTo(Byte.MIN_VALUE);
        assertThat(m.i32()).isEqualTo(Integer.MAX_VALUE);
        assertThat(m.i64()).isEqualTo(Long.MAX_VALUE);
        assertThat(Long.toUnsignedString(m.u64())).isEqualTo("18446744073709551615");
        assertThat(m.f()).isEqualTo(Double.NEGATIVE_INFINITY);
        assertThat(m.f32()).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(m.s()).isEqualTo("héllo, 世界 🌍");
        assertThat(m.bs()).containsExactly(0, 1, 2, 255);
        assertThat(m.t()).isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
        assertThat(m.ints()).containsExactly(Long.MIN_VALUE, -1L, 0L, 1L, Long.MAX_VALUE);
        assertThat(m.strs()).containsExactly("", "a", "ü");
        assertThat(m.flts().get(0)).isNaN();
        assertThat(m.flts().subList(1, 5)).containsExactly(Double.POSITIVE_INFINITY, -0.0, Double.MIN_VALUE, Double.MAX_VALUE);
        assertThat(Double.doubleToRawLongBits(m.flts().get(2))).isEqualTo(Long.MIN_VALUE);
        assertThat(m.in().name()).isEqualTo("in");
        assertThat(m.ins()).hasSize(2);
        assertThat(m.m()).isEqualTo(Map.of("one", 1L, "", 0L));
        assertThat(m.mI().get(-7L).name()).isEqualTo("neg");
        assertThat(m.p().name()).isEqualTo("ptr");
        assertThat(m.any()).isEqualTo(new Shape("square", 2.5));
        assertThat(m.nest()).containsExactly(List.of(1L), List.of(), List.of(2L, 3L));

        Matrix back = (Matrix) go.echo("Matrix", m, null, Matrix.class);
        GobMatrixTypes.assertSameValue(back, m);
    }

    @Test
    void zeroValuesAndEmptyCollectionsComeBackAsGoZeros() {
        Matrix zero = new Matrix(false, 0, (byte) 0, 0, 0, 0, 0, 0, 0f, "", null, null, null, null, null,
                new Inner("", null, null), null, Map.of(), Map.of(), null, null, null);
        Matrix back = (Matrix) go.echo("Matrix", zero, null, Matrix.class);
        GobMatrixTypes.assertSameValue(back, zero);
    }

    @Test
    void topLevelScalarsKeepTheirExactValue() {
        assertThat(go.echo("string", "日本語 ✓", null, String.class)).isEqualTo("日本語 ✓");
        assertThat(go.echo("int", Long.MIN_VALUE, null, long.class)).isEqualTo(Long.MIN_VALUE);
        assertThat(go.echo("uint64", new java.math.BigInteger("18446744073709551615"), null, Object.class))
                .isEqualTo(new java.math.BigInteger("18446744073709551615"));
        assertThat(Double.doubleToRawLongBits((Double) go.echo("float64", -0.0, null, double.class)))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat((Double) go.echo("float64", Double.NaN, null, Double.class)).isNaN();
        assertThat(go.echo("bool", false, null, boolean.class)).isEqualTo(false);
        assertThat(go.echo("string", java.util.concurrent.TimeUnit.SECONDS, null, java.util.concurrent.TimeUnit.class))
                .isEqualTo(java.util.concurrent.TimeUnit.SECONDS); // a Java enum is a Go string
        GoComplex c = new GoComplex(-1.5, Double.MAX_VALUE);
        assertThat(go.echo("complex128", c, null, GoComplex.class)).isEqualTo(c);
        assertThat(go.echo("complex64", new GoComplex(0.5, -2), null, GoComplex.class)).isEqualTo(new GoComplex(0.5, -2));
        assertThat((byte[]) go.echo("bytes", new byte[0], null, byte[].class)).isEmpty();
        Instant t = Instant.parse("1969-07-20T20:17:40.123456789Z");
        assertThat(go.echo("time", t, null, Instant.class)).isEqualTo(t);
        assertThat(go.echo("map[string]int", Map.of(), new java.util.HashMap<String, Long>() {}.getClass()
                .getGenericSuperclass(), Object.class)).isEqualTo(Map.of());
    }

    @Test
    void recursiveTypesRoundTrip() {
        Node tree = new Node(1, List.of(new Node(2, null), new Node(3, List.of(new Node(4, null)))));
        assertThat(go.echo("Node", tree, null, Node.class)).isEqualTo(tree);
    }

    @Test
    void dynamicMapsTravelAsStructsAndComeBackAsMaps() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "dyn");
        inner.put("tags", List.of("a", "b"));
        Object back = go.echo("Inner", inner, null, Object.class);
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Name", "dyn");
        expected.put("Tags", List.of("a", "b"));
        expected.put("Data", null);
        assertThat(back).isEqualTo(expected);
    }

    @Test
    void interfaceValuesOfRegisteredAndBasicTypes() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("n", 42L);
        m.put("s", "str");
        m.put("inner", new Inner("i", List.of("t"), null));
        m.put("z", new GoComplex(1, -1)); // travels under Go's name "complex128"
        java.lang.reflect.Type declared = new java.util.HashMap<String, Object>() {}.getClass().getGenericSuperclass();
        @SuppressWarnings("unchecked")
        Map<String, Object> back = (Map<String, Object>) go.echo("map[string]interface{}", m, declared, Object.class);
        assertThat(back.get("n")).isEqualTo(42L);
        assertThat(back.get("s")).isEqualTo("str");
        assertThat(back.get("z")).isEqualTo(new GoComplex(1, -1));
        assertThat(back.get("inner")).usingRecursiveComparison().isEqualTo(new Inner("i", List.of("t"), null));
    }

    @Test
    void fixedSizeArraysGoIntoGoArraysAndComeBackIntoPlainJavaTypes() {
        Fixed sent = GobMatrixTypes.sampleFixed();
        Fixed back = (Fixed) go.echo("Fixed", sent, null, Fixed.class);
        assertThat(back).usingRecursiveComparison().isEqualTo(sent);
        FixedAsSlices plain = (FixedAsSlices) go.echo("Fixed", sent, null, FixedAsSlices.class);
        assertThat(plain.digest()).containsExactly(sent.digest());
        assertThat(plain.quad()).containsExactly(Long.MIN_VALUE, -1, 0, Long.MAX_VALUE);
        assertThat(plain.names()).containsExactly("α", "");
        assertThat(plain.grid()).isDeepEqualTo(sent.grid());
        assertThat(plain.keys()).hasSize(3);
    }

    @Test
    void arraysHeldInMapsGoIntoGoMapsOfArrays() {
        Map<String, byte[]> tags = new LinkedHashMap<>();
        tags.put("a", new byte[] {1, 2, 3, (byte) 255});
        tags.put("ß", new byte[] {0, 0, 0, 0});
        Tagged sent = new Tagged(tags, List.of(Map.of("x", new long[] {Long.MIN_VALUE, Long.MAX_VALUE}), Map.of()), 7);
        // Go's decoder refuses a map of slices where its type holds arrays: the echo proves the wire types
        Tagged back = (Tagged) go.echo("Tagged", sent, null, Tagged.class);
        assertThat(back.tags()).containsOnlyKeys("a", "ß");
        assertThat(back.tags().get("a")).containsExactly(1, 2, 3, (byte) 255);
        assertThat(back.tags().get("ß")).containsExactly(0, 0, 0, 0);
        assertThat(back.rows()).hasSize(2);
        assertThat(back.rows().get(0).get("x")).containsExactly(Long.MIN_VALUE, Long.MAX_VALUE);
        assertThat(back.rows().get(1)).isEmpty();
        assertThat(back.n()).isEqualTo(7);
        TaggedAsSlices plain = (TaggedAsSlices) go.echo("Tagged", sent, null, TaggedAsSlices.class);
        assertThat(plain.tags().get("a")).containsExactly(1, 2, 3, (byte) 255);
    }

    @Test
    void topLevelArraysGoIntoGoArrays() {
        byte[] digest = GobMatrixTypes.sampleFixed().digest();
        assertThat((byte[]) go.echo("[32]byte", new GoArray(32, digest), null, byte[].class)).containsExactly(digest);
        long[] quad = {Long.MIN_VALUE, -1, 1, Long.MAX_VALUE};
        assertThat((long[]) go.echo("[4]int", new GoArray(4, quad), null, long[].class)).containsExactly(quad);
    }

    @Test
    void aNullArrayReachesGoAsItsZeroValue() {
        Fixed back = (Fixed) go.echo("Fixed", new Fixed(null, null, null, null, null, null, 1), null, Fixed.class);
        assertThat(back.digest()).hasSize(32).containsOnly(0);
        assertThat(back.quad()).containsExactly(0, 0, 0, 0);
        assertThat(back.names()).containsExactly("", "");
        assertThat(back.grid()).isDeepEqualTo(new long[2][3]);
        assertThat(back.keys()).isNull(); // a nil slice, omitted
        assertThat(back.height()).isEqualTo(1);
    }
}
