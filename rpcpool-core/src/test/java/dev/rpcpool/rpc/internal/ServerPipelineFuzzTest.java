package dev.rpcpool.rpc.internal;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import java.util.Arrays;

/**
 * Fuzzes the server's request path, for each codec: arbitrary bytes from a peer, split arbitrarily,
 * go through the real connection handler ({@link ServerPipelineHarness}); the server must answer or
 * close that connection, with no exception escaping the pipeline, no codec exception of an
 * unexpected type, no leaked buffer (counted exactly, on top of Netty's paranoid leak detector), and
 * nothing left counted after close. The first byte of an input picks how the rest is split.
 *
 * <p>In CI this runs in Jazzer's regression mode, once per file in
 * {@code src/test/resources/dev/rpcpool/rpc/internal/ServerPipelineFuzzTestInputs/<method>} (requests as
 * Go clients write them, malformed and oversized ones, findings). To fuzz one codec for real, for the
 * annotation's {@code maxDuration}: {@code JAZZER_FUZZ=1 mvn -pl rpcpool-core test
 * -Dtest='ServerPipelineFuzzTest#gobServerAnswersOrClosesOnlyThatConnection' -Djazzer.hooks=true}
 * (or {@code #jsonServer...}). A crashing input is saved into that directory and so becomes a
 * regression input.
 */
class ServerPipelineFuzzTest {
    private static final ServerPipelineHarness GOB = new ServerPipelineHarness(GobCodec.create());
    private static final ServerPipelineHarness JSON = new ServerPipelineHarness(new JsonRpcCodec());

    @FuzzTest(maxDuration = "5m")
    void gobServerAnswersOrClosesOnlyThatConnection(byte[] data) throws Exception {
        feed(GOB, data);
    }

    @FuzzTest(maxDuration = "5m")
    void jsonServerAnswersOrClosesOnlyThatConnection(byte[] data) throws Exception {
        feed(JSON, data);
    }

    private static void feed(ServerPipelineHarness server, byte[] data) throws Exception {
        if (data.length > 0) {
            server.feed(Arrays.copyOfRange(data, 1, data.length), data[0] & 0xff);
        }
    }
}
