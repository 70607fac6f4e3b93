package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.codec.ArgTypes;
import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;

/** The fuzz oracle of {@link ServerPipelineFuzzTest} can fail: each check catches a broken codec. */
class ServerPipelineHarnessTest {
    private static final byte[] REQUEST = "{\"method\":\"Arith.Multiply\",\"params\":[{\"A\":7,\"B\":8}],\"id\":0}\n"
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void aWellBehavedCodecPasses() {
        assertThatCode(() -> new ServerPipelineHarness(new JsonRpcCodec()).feed(REQUEST, 3)).doesNotThrowAnyException();
    }

    @Test
    void aCodecThatKeepsABufferIsReportedAsALeak() {
        AtomicReference<ByteBuf> kept = new AtomicReference<>();
        ServerPipelineHarness harness = new ServerPipelineHarness(broken((in, types) -> {
            if (in.isReadable() && kept.get() == null) {
                kept.set(in.retainedSlice()); // not released by the codec
                in.skipBytes(in.readableBytes());
            }
            return null;
        }));
        assertThatThrownBy(() -> harness.feed(REQUEST, 0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("never released");
        kept.get().release(); // so that Netty's leak detector stays quiet about this deliberate one
    }

    @Test
    void aCodecThrowingSomethingOtherThanACodecExceptionIsReported() {
        ServerPipelineHarness harness = new ServerPipelineHarness(broken((in, types) -> {
            throw new IllegalStateException("boom");
        }));
        assertThatThrownBy(() -> harness.feed(REQUEST, 0)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("contract does not allow");
    }

    private static Codec broken(BiFunction<ByteBuf, ArgTypes, DecodedRequest> read) {
        return new Codec() {
            @Override
            public String name() {
                return "broken";
            }

            @Override
            public ClientCodec newClientCodec(int maxMessageBytes) {
                throw new UnsupportedOperationException("server side only");
            }

            @Override
            public ServerCodec newServerCodec(int maxMessageBytes) {
                return new ServerCodec() {
                    @Override
                    public DecodedRequest readRequest(ByteBuf in, ArgTypes argTypes) {
                        return read.apply(in, argTypes);
                    }

                    @Override
                    public void writeResponse(ResponseHeader header, Object reply, ByteBuf out) {
                    }
                };
            }
        };
    }
}
