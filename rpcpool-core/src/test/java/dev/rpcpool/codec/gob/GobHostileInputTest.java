package dev.rpcpool.codec.gob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.internal.GobOutput;
import dev.rpcpool.codec.gob.internal.WireType;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Malformed and hostile gob input fails fast with a message naming what was wrong. */
class GobHostileInputTest {
    record Node(long value, List<Node> kids) {}

    /** Builds a stream of messages by hand. */
    private static final class Stream {
        final GobOutput out = new GobOutput(64);

        Stream message(GobOutput body) {
            out.writeMessage(body);
            return this;
        }

        Stream define(int id, WireType w) {
            GobOutput b = new GobOutput(32);
            b.writeInt(-id);
            w.encode(b, id);
            return message(b);
        }

        ByteBuf buf() {
            return Unpooled.wrappedBuffer(out.toByteArray());
        }
    }

    private static GobOutput body(long... uints) {
        GobOutput b = new GobOutput(16);
        for (long u : uints) {
            b.writeUint(u);
        }
        return b;
    }

    private static Optional<Object> decode(ByteBuf in, java.lang.reflect.Type t) {
        try {
            return GobCodec.create().newDecoder(1 << 16).decode(in, t);
        } finally {
            in.release();
        }
    }

    @Test
    void aValueOfAnUndefinedTypeIdIsRejected() {
        GobOutput b = new GobOutput(8);
        b.writeInt(72);
        b.writeUint(0);
        assertThatThrownBy(() -> decode(new Stream().message(b).buf(), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown type id 72");
    }

    @Test
    void aStructFieldOfAnUndefinedTypeIsRejected() {
        Stream s = new Stream().define(65, WireType.struct("S", List.of("X"), new int[] {99}));
        GobOutput v = new GobOutput(8);
        v.writeInt(65);
        v.writeUint(0);
        assertThatThrownBy(() -> decode(s.message(v).buf(), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("unknown type id 99");
    }

    @Test
    void anAbsurdSliceCountFailsBeforeAllocating() {
        Stream s = new Stream().define(65, WireType.slice("[]int", WireType.INT));
        GobOutput v = new GobOutput(16);
        v.writeInt(65);
        v.writeUint(0);
        v.writeUint(1L << 40);
        assertThatThrownBy(() -> decode(s.message(v).buf(), long[].class))
                .isInstanceOf(CodecException.class).hasMessageContaining("count 1099511627776 exceeds");
    }

    @Test
    void aStringLongerThanItsMessageIsRejected() {
        GobOutput v = new GobOutput(16);
        v.writeInt(WireType.STRING);
        v.writeUint(0);
        v.writeUint(1000);
        v.writeRaw(new byte[] {'a', 'b'}, 0, 2);
        assertThatThrownBy(() -> decode(new Stream().message(v).buf(), String.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("string count 1000 exceeds the 2 bytes left");
    }

    @Test
    void anIntegerWithMoreThanEightBytesIsRejected() {
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {3, 4, 0, (byte) 0xF0});
        assertThatThrownBy(() -> decode(in, long.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("invalid unsigned integer byte count 16");
    }

    @Test
    void deepNestingStopsAtTheDepthLimit() {
        Node n = new Node(0, null);
        for (int i = 0; i < 300; i++) {
            n = new Node(i, List.of(n));
        }
        byte[] bytes = GobCodec.create().newEncoder().encode(n);
        assertThatThrownBy(() -> decode(Unpooled.wrappedBuffer(bytes), Node.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("deeper than 100 levels");
        assertThatThrownBy(() -> decode(Unpooled.wrappedBuffer(bytes), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("deeper than 100 levels");
    }

    @Test
    void aLongChainOfTypeDefinitionsCannotOverflowTheStack() {
        Stream s = new Stream();
        int n = 5000;
        for (int i = 0; i < n; i++) {
            s.define(65 + i, WireType.slice("", 66 + i));
        }
        s.define(65 + n, WireType.slice("", WireType.INT));
        GobOutput v = new GobOutput(8);
        v.writeInt(65);
        v.writeUint(0);
        v.writeUint(0);
        ByteBuf in = s.message(v).buf();
        try {
            assertThatThrownBy(() -> GobCodec.create().newDecoder(1 << 20).decode(in, Object.class))
                    .isInstanceOf(CodecException.class).hasMessageContaining("nest deeper than");
        } finally {
            in.release();
        }
    }

    @Test
    void duplicateAndReservedTypeIdsAreRejected() {
        Stream dup = new Stream().define(65, WireType.slice("", 2)).define(65, WireType.slice("", 2));
        assertThatThrownBy(() -> decode(dup.buf(), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("duplicate definition of type id 65");
        Stream reserved = new Stream().define(6, WireType.slice("", 2));
        assertThatThrownBy(() -> decode(reserved.buf(), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("invalid id 6");
    }

    @Test
    void anEmptyMessageIsRejected() {
        assertThatThrownBy(() -> decode(Unpooled.wrappedBuffer(new byte[] {0}), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("empty message");
    }

    @Test
    void aFieldDeltaPastTheLastFieldIsRejected() {
        Stream s = new Stream().define(65, WireType.struct("P", List.of("X"), new int[] {WireType.INT}));
        GobOutput v = new GobOutput(8);
        v.writeInt(65);
        v.writeUint(5);
        v.writeInt(1);
        v.writeUint(0);
        assertThatThrownBy(() -> decode(s.message(v).buf(), Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("field delta 5 goes past the last field");
    }

    @Test
    void anIncompleteStreamWaitsAndConsumesNothingOfTheValue() {
        byte[] whole = GobCodec.create().newEncoder().encode(new Node(1, List.of(new Node(2, null))));
        GobDecoder dec = GobCodec.create().newDecoder(1 << 16);
        ByteBuf in = Unpooled.buffer();
        try {
            in.writeBytes(whole, 0, whole.length - 1);
            assertThat(dec.decode(in, Node.class)).isEmpty();
            in.writeBytes(whole, whole.length - 1, 1);
            assertThat(dec.decode(in, Node.class)).contains(new Node(1, List.of(new Node(2, null))));
        } finally {
            in.release();
        }
    }

    @Test
    void goUnsignedValuesBeyondLongFailNamingTheField() {
        record U(long big) {}
        record Wire(@GobUnsigned long big) {}
        byte[] bytes = GobCodec.create().newEncoder().encode(new Wire(-1));
        assertThatThrownBy(() -> decode(Unpooled.wrappedBuffer(bytes), U.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("U.big")
                .hasMessageContaining("18446744073709551615").hasMessageContaining("@GobUnsigned");
        record Small(int big) {}
        byte[] wide = GobCodec.create().newEncoder().encode(new U(1L << 40));
        assertThatThrownBy(() -> decode(Unpooled.wrappedBuffer(wide), Small.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("Small.big").hasMessageContaining("overflows Java int");
    }

    @Test
    void anUnregisteredInterfaceTypeFailsNamingIt() {
        record Circle(double r) {}
        record Holder(Object shape) {}
        GobCodec sender = GobCodec.builder().register("main.Circle", Circle.class).build();
        byte[] bytes = sender.newEncoder().encode(new Holder(new Circle(1.5)));
        assertThatThrownBy(() -> decode(Unpooled.wrappedBuffer(bytes), Holder.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("\"main.Circle\"").hasMessageContaining("register");
        assertThatThrownBy(() -> GobCodec.create().newEncoder().encode(new Holder(new Circle(1))))
                .isInstanceOf(CodecException.class).hasMessageContaining("Circle is not registered");
        ByteBuf in = Unpooled.wrappedBuffer(bytes);
        try {
            assertThat(sender.newDecoder(1024).decode(in, Holder.class)).contains(new Holder(new Circle(1.5)));
        } finally {
            in.release();
        }
    }

    @Test
    void aTopLevelNilInterfaceIsRejectedNotReturnedAsNull() {
        // found by GobDecoderFuzzTest (crash-top-level-nil-interface): id 8 (interface), delta 0, empty name
        ByteBuf in = Unpooled.wrappedBuffer(new byte[] {3, 0x10, 0, 0});
        assertThatThrownBy(() -> decode(in, Object.class))
                .isInstanceOf(CodecException.class).hasMessageContaining("top-level value cannot be a nil interface");
    }

    @Test
    void randomGarbageNeverHangsAndFailsOnlyWithCodecException() {
        java.util.Random random = new java.util.Random(42);
        List<String> errors = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            byte[] b = new byte[random.nextInt(40)];
            random.nextBytes(b);
            try {
                decode(Unpooled.wrappedBuffer(b), Object.class);
            } catch (CodecException e) {
                errors.add(e.getMessage());
            }
        }
        assertThat(errors).isNotEmpty().allSatisfy(m -> assertThat(m).startsWith("gob: "));
    }
}
