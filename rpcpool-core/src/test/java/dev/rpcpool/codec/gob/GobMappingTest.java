package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.CodecException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.math.BigInteger;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The Java ↔ gob mapping rules, Java to Java (Go interop is checked by the *IT tests). */
class GobMappingTest {
    private static Object roundTrip(GobCodec codec, Object value, java.lang.reflect.Type type) {
        ByteBuf in = Unpooled.wrappedBuffer(codec.newEncoder().encode(value));
        try {
            return codec.newDecoder(1 << 20).decode(in, type).orElseThrow();
        } finally {
            in.release();
        }
    }

    private static Object roundTrip(Object value, java.lang.reflect.Type type) {
        return roundTrip(GobCodec.create(), value, type);
    }

    static class Base {
        long id;
    }

    static final class Account extends Base {
        @GobName("URL")
        String url;
        int visits = 5; // a non-zero default: an omitted (zero) field must still decode as 0
        transient String cache = "not sent";
        List<String> tags;
    }

    record AccountView(long id, @GobName("URL") String link, long visits) {}

    @Test
    void plainClassesMapFieldsByNameIncludingSuperclassAndGobName() {
        Account a = new Account();
        a.id = 9;
        a.url = "https://example.org";
        a.visits = 0;
        AccountView v = (AccountView) roundTrip(a, AccountView.class);
        assertThat(v).isEqualTo(new AccountView(9, "https://example.org", 0));
        Account back = (Account) roundTrip(a, Account.class);
        assertThat(back.visits).isZero();
        assertThat(back.url).isEqualTo("https://example.org");
        assertThat(back.tags).isNull();
    }

    @Test
    void omittedFieldsDecodeToGoZerosInJavaForm() {
        record Full(long n, String s, Double d, Boolean b, List<Long> xs, Instant t) {}
        assertThat(roundTrip(new Full(0, "", 0.0, false, List.of(), GoTimeZero.ZERO), Full.class))
                .isEqualTo(new Full(0, "", 0.0, false, null, null));
    }

    /** Go's zero time.Time. */
    static final class GoTimeZero {
        static final Instant ZERO = Instant.parse("0001-01-01T00:00:00Z");
    }

    @Test
    void instantsKeepNanosecondsAcrossTheWholeGoRange() {
        for (String s : List.of("0001-01-01T00:00:00.000000001Z", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59.999999999Z")) {
            assertThat(roundTrip(Instant.parse(s), Instant.class)).isEqualTo(Instant.parse(s));
        }
    }

    @Test
    void primitiveArraysSortedMapsAndNestedListsRoundTrip() {
        record Arrays(long[] ls, int[] is, double[] ds, boolean[] bs, SortedMap<String, List<Long>> m) {}
        TreeMap<String, List<Long>> m = new TreeMap<>(Map.of("b", List.of(2L), "a", List.of()));
        Arrays a = new Arrays(new long[] {Long.MIN_VALUE, 1}, new int[] {-1}, new double[] {-0.0, Double.NaN},
                new boolean[] {true, false}, m);
        Arrays back = (Arrays) roundTrip(a, Arrays.class);
        assertThat(back.ls()).containsExactly(Long.MIN_VALUE, 1);
        assertThat(back.is()).containsExactly(-1);
        assertThat(Double.doubleToRawLongBits(back.ds()[0])).isEqualTo(Long.MIN_VALUE);
        assertThat(back.ds()[1]).isNaN();
        assertThat(back.bs()).containsExactly(true, false);
        assertThat(back.m()).isInstanceOf(TreeMap.class).isEqualTo(m);
    }

    @Test
    void bigIntegersCoverTheUint64RangeAndNoMore() {
        BigInteger max = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        assertThat(roundTrip(max, BigInteger.class)).isEqualTo(max);
        assertThat(roundTrip(max, Object.class)).isEqualTo(max);
        assertThatThrownBy(() -> GobCodec.create().newEncoder().encode(max.add(BigInteger.ONE)))
                .isInstanceOf(CodecException.class).hasMessageContaining("outside Go's uint64 range");
    }

    interface Shape {}

    record Circle(double r) implements Shape {}

    record Square(double side) implements Shape {}

    record Drawing(List<Shape> shapes, Shape main, Object any) {}

    @Test
    void interfaceFieldsCarryRegisteredConcreteTypes() {
        GobCodec codec = GobCodec.builder().register("main.Circle", Circle.class).register("main.Square", Square.class).build();
        Drawing d = new Drawing(List.of(new Circle(1), new Square(2)), new Square(3), "text");
        assertThat(roundTrip(codec, d, Drawing.class)).isEqualTo(d);
        Drawing nils = new Drawing(null, null, null);
        assertThat(roundTrip(codec, nils, Drawing.class)).isEqualTo(nils);
    }

    @Test
    void dynamicDecodingNeedsNoRegistrationsForInterfaceValues() {
        record Holder(Object main) {}
        GobCodec sender = GobCodec.builder().register("main.Circle", Circle.class).build();
        ByteBuf in = Unpooled.wrappedBuffer(sender.newEncoder().encode(new Holder(new Circle(1.5))));
        try {
            assertThat(GobCodec.create().newDecoder(1024).decode(in, Object.class))
                    .contains(Map.of("Main", Map.of("R", 1.5)));
        } finally {
            in.release();
        }
    }

    @Test
    void aRegisteredTypeThatIsNotAssignableToTheFieldIsRejected() {
        record Other(long x) {}
        record Holder(Object main) {}
        GobCodec codec = GobCodec.builder().register("main.Other", Other.class).build();
        ByteBuf in = Unpooled.wrappedBuffer(codec.newEncoder().encode(new Holder(new Other(1))));
        try {
            record Target(Shape main) {}
            assertThatThrownBy(() -> codec.newDecoder(1024).decode(in, Target.class))
                    .isInstanceOf(CodecException.class).hasMessageContaining("not assignable to");
        } finally {
            in.release();
        }
    }

    @Test
    void dynamicMapsAreSentAsStructsAndDecodeBackAsMaps() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", "x");
        m.put("count", 3L);
        m.put("skipped", null);
        m.put("nested", Map.of("deep", List.of(1L, 2L)));
        Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("Name", "x");
        expected.put("Count", 3L);
        expected.put("Nested", Map.of("Deep", List.of(1L, 2L)));
        assertThat(roundTrip(m, Object.class)).isEqualTo(expected);
        record Typed(String name, long count) {}
        assertThat(roundTrip(m, Typed.class)).isEqualTo(new Typed("x", 3));
    }

    @Test
    void gobTypedSendsAMapAsAGoMap() {
        Map<String, Long> m = Map.of("a", 1L);
        java.lang.reflect.Type mapType = new java.util.HashMap<String, Long>() {}.getClass().getGenericSuperclass();
        GobEncoder enc = GobCodec.create().newEncoder();
        ByteBuf in = Unpooled.wrappedBuffer(enc.encode(m, mapType));
        try {
            assertThat(GobCodec.create().newDecoder(1024).decode(in, Object.class)).contains(Map.of("a", 1L));
        } finally {
            in.release();
        }
    }

    @Test
    void unsupportedJavaTypesFailNamingTheType() {
        record WithChar(char c) {}
        assertThatThrownBy(() -> GobCodec.create().newEncoder().encode(new WithChar('x')))
                .isInstanceOf(CodecException.class).hasMessageContaining("char");
        assertThatThrownBy(() -> GobCodec.create().newEncoder().encode(Map.of(1, "x")))
                .isInstanceOf(CodecException.class).hasMessageContaining("String keys");
    }

    @Test
    void floatFieldsRefuseValuesTheyCannotHold() {
        record D(double v) {}
        record F(float v) {}
        ByteBuf in = Unpooled.wrappedBuffer(GobCodec.create().newEncoder().encode(new D(1e300)));
        try {
            assertThatThrownBy(() -> GobCodec.create().newDecoder(1024).decode(in, F.class))
                    .isInstanceOf(CodecException.class).hasMessageContaining("overflows Java float");
        } finally {
            in.release();
        }
    }

    @Test
    void complexNumbersKeepBothPartsBitForBitAndZeroIsOmitted() {
        record Wave(GoComplex amplitude, GoComplex phase, long n) {}
        Wave w = new Wave(new GoComplex(1.5, -0.0), new GoComplex(Double.NaN, Double.NEGATIVE_INFINITY), 3);
        Wave back = (Wave) roundTrip(w, Wave.class);
        assertThat(Double.doubleToRawLongBits(back.amplitude().imag())).isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(back.phase().real()).isNaN();
        assertThat(back.phase().imag()).isEqualTo(Double.NEGATIVE_INFINITY);
        // 0+0i (and -0+0i, which Go compares equal to zero) is omitted; it decodes as GoComplex.ZERO
        assertThat(roundTrip(new Wave(new GoComplex(-0.0, 0), null, 1), Wave.class))
                .isEqualTo(new Wave(GoComplex.ZERO, GoComplex.ZERO, 1));
        assertThat(roundTrip(new GoComplex(2, 3), Object.class)).isEqualTo(new GoComplex(2, 3));
        assertThat(new GoComplex(2, -3)).hasToString("(2.0-3.0i)");
    }

    enum Color {
        RED,
        GREEN {
            @Override
            public String toString() {
                return "green, with a body of its own";
            }
        }
    }

    @Test
    void enumsTravelAsGoStringsByConstantName() {
        record Paint(Color color, List<Color> palette, long n) {}
        Paint p = new Paint(Color.GREEN, List.of(Color.RED, Color.GREEN), 1);
        assertThat(roundTrip(p, Paint.class)).isEqualTo(p);
        assertThat(roundTrip(Color.GREEN, Object.class)).isEqualTo("GREEN"); // a plain Go string on the wire
        assertThat(roundTrip("RED", Color.class)).isEqualTo(Color.RED);
        assertThat(roundTrip(new Paint(null, null, 2), Paint.class)).isEqualTo(new Paint(null, null, 2));
        assertThatThrownBy(() -> roundTrip("BLUE", Color.class)).isInstanceOf(CodecException.class)
                .hasMessageContaining("Go string \"BLUE\" names no constant of Java enum")
                .hasMessageContaining("[RED, green, with a body of its own]");
    }
}
