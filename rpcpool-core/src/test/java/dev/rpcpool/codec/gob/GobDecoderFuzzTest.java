package dev.rpcpool.codec.gob;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.ServerCodec;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Fuzzes the gob decoder: whatever the bytes, decoding either yields values or fails with a
 * {@link CodecException}, never another exception, a hang or an allocation past the limits.
 *
 * <p>By default (CI) this runs in Jazzer's regression mode: once per input in
 * {@code src/test/resources/dev/rpcpool/codec/gob/GobDecoderFuzzTestInputs/decoderNeverFailsUnexpectedly}
 * (valid streams made by Go, plus any crash found so far), without Jazzer's hooks (see the
 * module's pom). To fuzz for real, for the annotation's {@code maxDuration}:
 * {@code JAZZER_FUZZ=1 mvn -pl rpcpool-core test -Dtest=GobDecoderFuzzTest -Djazzer.hooks=true}.
 * A crashing input is written to that directory and so becomes a regression input; add a named
 * test for it in {@link GobHostileInputTest}.
 */
class GobDecoderFuzzTest {
    record Inner(String name, List<String> tags, byte[] data) {}

    record Shape(String kind, double side) {}

    record Matrix(boolean b, long i, byte i8, int i32, long i64, @GobUnsigned long u, long u64, double f, float f32,
            String s, byte[] bs, Instant t, List<Long> ints, List<String> strs, double[] flts, Inner in,
            List<Inner> ins, Map<String, Long> m, Map<Long, Inner> mI, Inner p, Object any, List<List<Long>> nest) {}

    record Node(long value, List<Node> kids) {}

    private static final GobCodec CODEC = GobCodec.builder()
            .register("rpcpool.dev/interop/gobtypes.Inner", Inner.class)
            .register("rpcpool.dev/interop/gobtypes.Shape", Shape.class)
            .maxDepth(50)
            .build();
    private static final int LIMIT = 1 << 16;

    @FuzzTest(maxDuration = "5m")
    void decoderNeverFailsUnexpectedly(byte[] data) {
        for (Class<?> target : List.of(Object.class, Matrix.class, Node.class, String.class)) {
            drain(data, target);
        }
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            ClientCodec client = CODEC.newClientCodec(LIMIT);
            while (client.readResponse(in, seq -> seq % 2 == 0 ? Object.class : null) != null) {
                // keep reading
            }
        } catch (CodecException expected) {
            // malformed input is reported, which is all we ask
        } finally {
            in.release();
        }
        ByteBuf req = Unpooled.wrappedBuffer(data);
        try {
            ServerCodec server = CODEC.newServerCodec(LIMIT);
            while (server.readRequest(req, m -> Matrix.class) != null) {
                // keep reading
            }
        } catch (CodecException expected) {
            // as above
        } finally {
            req.release();
        }
    }

    private static void drain(byte[] data, Class<?> target) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            GobDecoder dec = CODEC.newDecoder(LIMIT);
            while (in.isReadable() && dec.decode(in, target).isPresent()) {
                // keep decoding values
            }
        } catch (CodecException expected) {
            // malformed input is reported, which is all we ask
        } finally {
            in.release();
        }
    }
}
