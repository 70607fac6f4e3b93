package dev.rpcpool.codec.jsonrpc;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes the jsonrpc client and server decoders, which are incremental: whatever the bytes and
 * however they are split, decoding yields messages or ends in a {@code CodecException}, never
 * another exception, and yields the same as feeding the bytes in one piece (a split must not change
 * what a stream means; it once did, see {@code JsonRpcSplitInputTest}).
 *
 * <p>The first byte of an input picks how the rest is split. In CI this runs in Jazzer's regression
 * mode, once per file in
 * {@code src/test/resources/dev/rpcpool/codec/jsonrpc/JsonRpcDecoderFuzzTestInputs/decodingDoesNotDependOnHowBytesArrive}
 * (requests and replies as Go writes them, malformed ones, and findings). To fuzz for real, for the
 * annotation's {@code maxDuration}:
 * {@code JAZZER_FUZZ=1 mvn -pl rpcpool-core test -Dtest=JsonRpcDecoderFuzzTest -Djazzer.hooks=true}.
 * A crashing input is saved into that directory and so becomes a regression input.
 */
class JsonRpcDecoderFuzzTest {

    @FuzzTest(maxDuration = "5m")
    void decodingDoesNotDependOnHowBytesArrive(byte[] data) {
        if (data.length == 0) {
            return;
        }
        byte[] bytes = Arrays.copyOfRange(data, 1, data.length);
        int[] split = ChunkedJsonRpcDecoding.chunkSizes(bytes.length, data[0] & 0xff);
        int[] whole = {bytes.length};
        same("server", ChunkedJsonRpcDecoding.serve(bytes, whole), ChunkedJsonRpcDecoding.serve(bytes, split), split);
        same("client", ChunkedJsonRpcDecoding.call(bytes, whole), ChunkedJsonRpcDecoding.call(bytes, split), split);
    }

    private static void same(String side, List<String> whole, List<String> split, int[] chunks) {
        if (!whole.equals(split)) {
            throw new AssertionError(side + " decoded differently in chunks " + Arrays.toString(chunks)
                    + ":\n  whole: " + whole + "\n  split: " + split);
        }
    }
}
