package dev.rpcpool.codec.gob.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.gob.GobName;
import dev.rpcpool.codec.gob.GobUnsigned;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The direct reader and writer of net/rpc headers ({@link HeaderType}) against the generic record
 * codec of {@link RpcHeaders}: the same bytes written, and the same values and errors read,
 * whatever struct the peer defines.
 */
class HeaderTypeTest {
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
    record ErrorAsNumber(String serviceMethod, @GobUnsigned long seq, long error) {}

    @GobName("Response")
    record Unrelated(String name, long count) {}

    private static final List<RequestHeader> REQUESTS = List.of(new RequestHeader("Arith.Multiply", 7),
            new RequestHeader("", 0), new RequestHeader("Svc.M", 0), new RequestHeader("", 5),
            new RequestHeader("Svc.M", -1L), new RequestHeader("héllo.世界", 1L << 40));
    private static final List<ResponseHeader> RESPONSES = List.of(new ResponseHeader("Arith.Multiply", 7, ""),
            new ResponseHeader("", 0, ""), new ResponseHeader("Arith.Divide", 0, "divide by zero"),
            new ResponseHeader("", 3, "x"), new ResponseHeader("Svc.M", -1L, "боом"), new ResponseHeader("", 0, "only"));

    /** One stream of {@code values}, the first message carrying the type definition. */
    private static <T> byte[] stream(List<T> values, JType type, Function<T, Object> asWritten) {
        StreamEncoder enc = new StreamEncoder(new GobTypes(Map.of()));
        GobOutput frames = new GobOutput(64);
        for (T v : values) {
            enc.begin();
            enc.encodeMessage(asWritten.apply(v), type, frames);
        }
        return frames.toByteArray();
    }

    @Test
    void headersAreWrittenByteForByteAsTheGenericEncoderWritesThem() {
        assertThat(stream(REQUESTS, HeaderType.REQUEST, h -> h)).isEqualTo(
                stream(REQUESTS, RpcHeaders.REQUEST, h -> new RpcHeaders.Request(h.serviceMethod(), h.seq())));
        assertThat(stream(RESPONSES, HeaderType.RESPONSE, h -> h)).isEqualTo(stream(RESPONSES, RpcHeaders.RESPONSE,
                h -> new RpcHeaders.Response(h.serviceMethod(), h.seq(), h.error())));
    }

    @Test
    void writtenHeadersReadBackAsTheyWere() {
        assertThat(readAll(stream(REQUESTS, HeaderType.REQUEST, h -> h), HeaderType.REQUEST, REQUESTS.size()))
                .isEqualTo(REQUESTS);
        assertThat(readAll(stream(RESPONSES, HeaderType.RESPONSE, h -> h), HeaderType.RESPONSE, RESPONSES.size()))
                .isEqualTo(RESPONSES);
    }

    private static List<Object> readAll(byte[] wire, JType type, int count) {
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            StreamDecoder dec = new StreamDecoder(new GobTypes(Map.of()), 1 << 16, 64);
            Object[] out = new Object[count];
            for (int i = 0; i < count; i++) {
                out[i] = dec.read(in, type);
            }
            assertThat(in.isReadable()).isFalse();
            return List.of(out);
        } finally {
            in.release();
        }
    }

    /** What each reader made of {@code value}'s encoding: a header, or the exception it threw. */
    private record Both(Object direct, Object generic) {}

    private static Both readBothWays(Object value, boolean response) {
        byte[] wire = GobCodec.create().newEncoder().encode(value);
        Object direct = decode(wire, response ? HeaderType.RESPONSE : HeaderType.REQUEST);
        Object generic = decode(wire, response ? RpcHeaders.RESPONSE : RpcHeaders.REQUEST);
        if (generic instanceof RpcHeaders.Response r) {
            generic = new ResponseHeader(r.serviceMethod(), r.seq(), r.error());
        } else if (generic instanceof RpcHeaders.Request r) {
            generic = new RequestHeader(r.serviceMethod(), r.seq());
        }
        return new Both(direct, generic);
    }

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

    private static void assertBothRead(Object value, ResponseHeader asResponse) {
        Both r = readBothWays(value, true);
        assertThat(r.direct()).isEqualTo(asResponse).isEqualTo(r.generic());
        Both q = readBothWays(value, false);
        RequestHeader asRequest = new RequestHeader(asResponse.serviceMethod(), asResponse.seq());
        assertThat(q.direct()).isEqualTo(asRequest).isEqualTo(q.generic());
    }

    /** Both readers reject {@code value}, read as either header, with the same message; returns it. */
    private static String assertBothRejectWithTheSameMessage(Object value, boolean response) {
        Both b = readBothWays(value, response);
        assertThat(b.direct()).isInstanceOf(RuntimeException.class);
        assertThat(b.generic()).isInstanceOf(RuntimeException.class);
        assertThat(b.direct().getClass()).isEqualTo(b.generic().getClass());
        String message = ((Throwable) b.direct()).getMessage();
        assertThat(message).isEqualTo(((Throwable) b.generic()).getMessage());
        return message;
    }

    @Test
    void goLayoutsReadIncludingOmittedZerosAndTheFullUnsignedRange() {
        assertBothRead(new RpcHeaders.Response("Arith.Multiply", 7, ""), new ResponseHeader("Arith.Multiply", 7, ""));
        assertBothRead(new RpcHeaders.Response("Arith.Divide", 0, "divide by zero"),
                new ResponseHeader("Arith.Divide", 0, "divide by zero"));
        assertBothRead(new RpcHeaders.Response("", -1L, ""), new ResponseHeader("", -1L, ""));
        assertBothRead(new RpcHeaders.Request("Svc.M", 12), new ResponseHeader("Svc.M", 12, ""));
    }

    @Test
    void fieldsAreMatchedByNameInAnyOrderAndUnknownOnesSkipped() {
        // a request header has no Error: there it is one more unknown field
        assertBothRead(new Reordered("boom", 42, "Svc.M"), new ResponseHeader("Svc.M", 42, "boom"));
        assertBothRead(new WithExtraFields("Svc.M", List.of("a", "b"), 9, -4, ""), new ResponseHeader("Svc.M", 9, ""));
    }

    @Test
    void aSignedSequenceNumberIsAcceptedUnlessNegative() {
        assertBothRead(new SignedSeq("Svc.M", 5, ""), new ResponseHeader("Svc.M", 5, ""));
        assertThat(assertBothRejectWithTheSameMessage(new SignedSeq("Svc.M", -3, ""), true))
                .contains("field Response.seq").contains("negative value -3");
        assertThat(assertBothRejectWithTheSameMessage(new SignedSeq("Svc.M", -3, ""), false))
                .contains("field Request.seq");
    }

    @Test
    void aKnownFieldOfTheWrongTypeIsRejectedNamingIt() {
        for (boolean response : new boolean[] {true, false}) {
            assertThat(assertBothRejectWithTheSameMessage(new MethodAsNumber(3, 1, ""), response))
                    .contains(".serviceMethod").contains("type mismatch");
            assertThat(assertBothRejectWithTheSameMessage(new SeqAsText("Svc.M", "1", ""), response))
                    .contains(".seq").contains("type mismatch");
        }
        assertThat(assertBothRejectWithTheSameMessage(new ErrorAsNumber("Svc.M", 1, 2), true))
                .contains("field Response.error");
        assertThat(readBothWays(new ErrorAsNumber("Svc.M", 1, 2), false).direct())
                .isEqualTo(new RequestHeader("Svc.M", 1));
    }

    @Test
    void aStructWithNoHeaderFieldsOrANonStructIsRejected() {
        for (boolean response : new boolean[] {true, false}) {
            for (Object bad : List.of(new Unrelated("x", 1), "just a string")) {
                Both b = readBothWays(bad, response);
                assertThat(b.direct()).isInstanceOf(RuntimeException.class);
                assertThat(b.generic()).isInstanceOf(RuntimeException.class);
                assertThat(((Throwable) b.direct()).getMessage()).contains(
                        bad instanceof String ? "type mismatch" : "no fields of Go struct");
            }
        }
    }
}
