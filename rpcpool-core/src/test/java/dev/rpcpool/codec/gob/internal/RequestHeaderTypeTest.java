package dev.rpcpool.codec.gob.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.codec.RequestHeader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's direct writer of {@code rpc.Request} headers sends the generic encoder's exact bytes. */
class RequestHeaderTypeTest {
    private static final List<RequestHeader> HEADERS = List.of(new RequestHeader("Arith.Multiply", 7),
            new RequestHeader("", 0), new RequestHeader("Svc.M", 0), new RequestHeader("", 5),
            new RequestHeader("Svc.M", -1L), new RequestHeader("héllo.世界", 1L << 40));

    /** The stream of all headers, the first message carrying the type definition. */
    private static byte[] stream(boolean direct) {
        StreamEncoder enc = new StreamEncoder(new GobTypes(Map.of()));
        GobOutput frames = new GobOutput(64);
        for (RequestHeader h : HEADERS) {
            enc.begin();
            if (direct) {
                enc.encodeMessage(h, RequestHeaderType.INSTANCE, frames);
            } else {
                enc.encodeMessage(new RpcHeaders.Request(h.serviceMethod(), h.seq()), RpcHeaders.REQUEST, frames);
            }
        }
        return frames.toByteArray();
    }

    @Test
    void headersAreWrittenByteForByteAsTheGenericEncoderWritesThem() {
        byte[] direct = stream(true);
        assertThat(direct).isEqualTo(stream(false));
        assertThat(direct.length).isGreaterThan(HEADERS.size() * 3);
    }

    @Test
    void whatItWritesReadsBackAsGoRequests() {
        io.netty.buffer.ByteBuf in = io.netty.buffer.Unpooled.wrappedBuffer(stream(true));
        try {
            StreamDecoder dec = new StreamDecoder(new GobTypes(Map.of()), 1 << 16, 64);
            for (RequestHeader h : HEADERS) {
                assertThat(dec.read(in, RpcHeaders.REQUEST)).isEqualTo(new RpcHeaders.Request(h.serviceMethod(), h.seq()));
            }
            assertThat(in.isReadable()).isFalse();
        } finally {
            in.release();
        }
    }
}
