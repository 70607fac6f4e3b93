package dev.rpcpool.codec.gob.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.gob.GobName;
import dev.rpcpool.codec.gob.GobUnsigned;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The client's direct reader of {@code rpc.Response} headers accepts and rejects exactly what the
 * generic decoder into {@link RpcHeaders.Response} does, whatever struct the peer defines.
 */
class ResponseHeaderTypeTest {
    @GobName("Response")
    record Reordered(String error, @GobUnsigned long seq, String serviceMethod) {}

    @GobName("Response")
    record WithExtraFields(String serviceMethod, List<String> tags, @GobUnsigned long seq, int more, String error) {}

    @GobName("Response")
    record SignedSeq(String serviceMethod, long seq, String error) {}

    @GobName("Response")
    record MethodAsNumber(long serviceMethod, @GobUnsigned long seq, String error) {}

    @GobName("Response")
    record SeqAsText(String serviceMethod, String seq, String error) {}

    @GobName("Response")
    record Unrelated(String name, long count) {}

    /** What the direct reader made of {@code value}'s encoding, next to what the generic decoder made. */
    private record Both(Object direct, Object generic) {}

    private static Both decodeBothWays(Object value) {
        byte[] wire = GobCodec.create().newEncoder().encode(value);
        Object direct = decode(wire, ResponseHeaderType.INSTANCE);
        Object generic = decode(wire, RpcHeaders.RESPONSE);
        if (generic instanceof RpcHeaders.Response r) {
            generic = new ResponseHeader(r.serviceMethod(), r.seq(), r.error());
        }
        return new Both(direct, generic);
    }

    /** The decoded value, or the exception the decoder threw. */
    private static Object decode(byte[] wire, JType type) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            return new StreamDecoder(new GobTypes(Map.of()), 1 << 16, 64).read(in, type);
        } catch (RuntimeException e) {
            return e;
        } finally {
            in.release();
        }
    }

    private static void assertSameHeader(Object value, ResponseHeader expected) {
        Both b = decodeBothWays(value);
        assertThat(b.direct()).isEqualTo(expected);
        assertThat(b.generic()).isEqualTo(expected);
    }

    private static Throwable assertBothReject(Object value) {
        Both b = decodeBothWays(value);
        assertThat(b.direct()).isInstanceOf(RuntimeException.class);
        assertThat(b.generic()).isInstanceOf(RuntimeException.class);
        assertThat(b.direct().getClass()).isEqualTo(b.generic().getClass());
        return (Throwable) b.direct();
    }

    @Test
    void goLayoutDecodesIncludingOmittedZerosAndTheFullUnsignedRange() {
        assertSameHeader(new RpcHeaders.Response("Arith.Multiply", 7, ""), new ResponseHeader("Arith.Multiply", 7, ""));
        assertSameHeader(new RpcHeaders.Response("Arith.Divide", 0, "divide by zero"),
                new ResponseHeader("Arith.Divide", 0, "divide by zero"));
        assertSameHeader(new RpcHeaders.Response("", -1L, ""), new ResponseHeader("", -1L, ""));
    }

    @Test
    void fieldsAreMatchedByNameInAnyOrderAndUnknownOnesSkipped() {
        assertSameHeader(new Reordered("boom", 42, "Svc.M"), new ResponseHeader("Svc.M", 42, "boom"));
        assertSameHeader(new WithExtraFields("Svc.M", List.of("a", "b"), 9, -4, ""), new ResponseHeader("Svc.M", 9, ""));
    }

    @Test
    void aSignedSequenceNumberIsAcceptedUnlessNegative() {
        assertSameHeader(new SignedSeq("Svc.M", 5, ""), new ResponseHeader("Svc.M", 5, ""));
        Throwable t = assertBothReject(new SignedSeq("Svc.M", -3, ""));
        assertThat(t).hasMessageContaining("field Response.seq").hasMessageContaining("negative value -3");
        assertThat(t.getMessage()).isEqualTo(((Throwable) decodeBothWays(new SignedSeq("Svc.M", -3, ""))
                .generic()).getMessage());
    }

    @Test
    void aKnownFieldOfTheWrongTypeIsRejectedNamingIt() {
        for (Object bad : List.of(new MethodAsNumber(3, 1, ""), new SeqAsText("Svc.M", "1", ""))) {
            Both b = decodeBothWays(bad);
            assertThat(b.direct()).isInstanceOf(RuntimeException.class);
            assertThat(((Throwable) b.direct()).getMessage()).isEqualTo(((Throwable) b.generic()).getMessage())
                    .contains("field Response.").contains("type mismatch");
        }
    }

    @Test
    void aStructWithNoHeaderFieldsOrANonStructIsRejected() {
        assertThat(assertBothReject(new Unrelated("x", 1))).hasMessageContaining("no fields of Go struct");
        assertThat(assertBothReject("just a string")).hasMessageContaining("type mismatch");
    }
}
