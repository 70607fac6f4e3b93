package dev.rpcpool.interop;

import static dev.rpcpool.interop.GobMatrixTypes.assertSameValue;

import dev.rpcpool.interop.GobMatrixTypes.Inner;
import dev.rpcpool.interop.GobMatrixTypes.Matrix;
import dev.rpcpool.interop.GobMatrixTypes.Shape;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Random values: Java encode → Go decode (gobecho, Go's encoding/gob) → Go encode → Java decode
 * must give back the same value. One Go process serves every try.
 */
class GobRoundTripPropertiesIT {
    private static GobEchoPeer go;

    @BeforeContainer
    static void start() {
        go = new GobEchoPeer(GobMatrixTypes.codec());
    }

    @AfterContainer
    static void stop() {
        if (go != null) {
            go.close();
        }
    }

    @Property(tries = 300)
    void matrixValuesSurviveGo(@ForAll("matrices") Matrix m) {
        assertSameValue(go.echo("Matrix", m, null, Matrix.class), m);
    }

    @Property(tries = 200)
    void topLevelFloatSlicesKeepEveryBit(@ForAll("floatLists") List<Double> xs) {
        @SuppressWarnings("unchecked")
        List<Double> back = (List<Double>) go.echo("[]float64", xs, LIST_OF_DOUBLE, LIST_OF_DOUBLE);
        assertSameValue(back.stream().map(Double::doubleToRawLongBits).toList(),
                xs.stream().map(Double::doubleToRawLongBits).toList());
    }

    @Property(tries = 200)
    void topLevelStringsSurviveGo(@ForAll("strings") String s) {
        assertSameValue(go.echo("string", s, null, String.class), s);
    }

    private static final java.lang.reflect.Type LIST_OF_DOUBLE =
            new java.util.ArrayList<Double>() {}.getClass().getGenericSuperclass();

    @Provide
    Arbitrary<String> strings() {
        return Arbitraries.strings().withCharRange(' ', '~').withCharRange('\u00a0', '\u024f')
                .withCharRange('\u4e00', '\u4e40').withChars('\u0000', '\n').ofMaxLength(24);
    }

    @Provide
    Arbitrary<List<Double>> floatLists() {
        return anyDouble().list().ofMaxSize(6);
    }

    private static Arbitrary<Double> anyDouble() {
        return Arbitraries.doubles().withSpecialValue(Double.NaN).withSpecialValue(Double.POSITIVE_INFINITY)
                .withSpecialValue(Double.NEGATIVE_INFINITY).withSpecialValue(-0.0).withSpecialValue(Double.MIN_VALUE)
                .withSpecialValue(Double.MAX_VALUE);
    }

    /** Struct fields: Go omits zero floats, so -0.0 comes back as 0.0; generate 0.0 instead. */
    private static Arbitrary<Double> fieldDouble() {
        return anyDouble().map(d -> d == 0 ? 0.0 : d);
    }

    private static <T> Arbitrary<List<T>> nullOrNonEmpty(Arbitrary<T> elems) {
        // Go omits empty slices from structs, so an empty list comes back as null.
        return elems.list().ofMinSize(1).ofMaxSize(3).injectNull(0.3);
    }

    private Arbitrary<Inner> inners() {
        return Combinators.combine(strings(), nullOrNonEmpty(strings()),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(8).injectNull(0.4))
                .as(Inner::new);
    }

    private Arbitrary<Instant> instants() {
        // Go's zero time is omitted and comes back as null; stay above it.
        return Combinators.combine(Arbitraries.longs().between(-62_135_596_799L, 253_402_300_799L),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond).injectNull(0.2);
    }

    private record Part1(boolean b, long i, byte i8, int i32, long i64, long u, long u64, double f) {}

    private record Part2(float f32, String s, byte[] bs, Instant t, List<Long> ints, List<String> strs,
            List<Double> flts, Inner in) {}

    private record Part3(List<Inner> ins, Map<String, Long> m, Map<Long, Inner> mI, Inner p, Object any,
            List<List<Long>> nest) {}

    @Provide
    Arbitrary<Matrix> matrices() {
        Arbitrary<Part1> p1 = Combinators.combine(Arbitraries.of(true, false), Arbitraries.longs(), Arbitraries.bytes(),
                Arbitraries.integers(), Arbitraries.longs(), Arbitraries.longs(), Arbitraries.longs(), fieldDouble())
                .as(Part1::new);
        Arbitrary<Float> f32 = Arbitraries.floats().withSpecialValue(Float.NaN).withSpecialValue(Float.NEGATIVE_INFINITY)
                .withSpecialValue(Float.MAX_VALUE).map(f -> f == 0 ? 0f : f);
        Arbitrary<Part2> p2 = Combinators.combine(f32, strings(),
                Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(16).injectNull(0.3), instants(),
                nullOrNonEmpty(Arbitraries.longs()), nullOrNonEmpty(strings()), nullOrNonEmpty(anyDouble()), inners())
                .as(Part2::new);
        Arbitrary<Object> any = Arbitraries.oneOf(Arbitraries.just(null), Arbitraries.longs().map(x -> (Object) x),
                strings().map(x -> (Object) x), inners().map(x -> (Object) x),
                Combinators.combine(strings(), fieldDouble()).as(Shape::new).map(x -> (Object) x));
        Arbitrary<Part3> p3 = Combinators.combine(nullOrNonEmpty(inners()),
                Arbitraries.maps(strings(), Arbitraries.longs()).ofMaxSize(3).injectNull(0.3),
                Arbitraries.maps(Arbitraries.longs(), inners()).ofMaxSize(3).injectNull(0.3),
                inners().injectNull(0.5), any,
                nullOrNonEmpty(Arbitraries.longs().list().ofMaxSize(3)))
                .as(Part3::new);
        return Combinators.combine(p1, p2, p3).as((a, b, c) -> new Matrix(a.b(), a.i(), a.i8(), a.i32(), a.i64(),
                a.u(), a.u64(), a.f(), b.f32(), b.s(), b.bs(), b.t(), b.ints(), b.strs(), b.flts(), b.in(), c.ins(),
                c.m(), c.mI(), c.p(), c.any(), c.nest()));
    }
}
