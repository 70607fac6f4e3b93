package dev.rpcpool.codec.jsonrpc;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Feeds bytes to a jsonrpc client or server codec the way a connection does: in chunks, keeping
 * what the codec left unread, and records what came out (requests, responses, the replies the
 * server writes back, and whether the stream ended in a codec error), so that feeding the same
 * bytes in other chunks can be compared. Any exception other than {@link CodecException}
 * propagates. Test helper; not thread-safe.
 */
final class ChunkedJsonRpcDecoding {
    static final int LIMIT = 512;
    private static final JsonRpcCodec CODEC = new JsonRpcCodec();
    private static final Map<String, Type> ARG_TYPES = Map.of(
            "Arith.Multiply", Args.class, "Echo.Echo", String.class, "Echo.Bytes", byte[].class,
            "Any.Thing", Object.class, "List.Ints", int[].class);

    private ChunkedJsonRpcDecoding() {
    }

    /** Chunk boundaries for {@code length} bytes: all at once for seed 0, else pseudo-random sizes from the seed. */
    static int[] chunkSizes(int length, int seed) {
        if (seed == 0) {
            return new int[] {length};
        }
        SplittableRandom random = new SplittableRandom(seed);
        List<Integer> sizes = new ArrayList<>();
        for (int left = length; left > 0; ) {
            int n = Math.min(left, 1 + random.nextInt(Math.max(1, seed % 16 == 1 ? 1 : 24)));
            sizes.add(n);
            left -= n;
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    /** What the server side makes of {@code bytes}, fed in {@code chunks}. */
    static List<String> serve(byte[] bytes, int[] chunks) {
        ServerCodec server = CODEC.newServerCodec(LIMIT);
        List<String> seen = new ArrayList<>();
        ByteBuf in = Unpooled.buffer();
        ByteBuf out = Unpooled.buffer();
        try {
            int offset = 0;
            for (int size : chunks) {
                in.writeBytes(bytes, offset, size);
                offset += size;
                DecodedRequest r;
                while ((r = server.readRequest(in, ARG_TYPES::get)) != null) {
                    seen.add(r.header() + " " + describe(r.args()) + " " + r.bodyError());
                    String error = r.bodyError() != null ? r.bodyError() : "";
                    server.writeResponse(new ResponseHeader(r.header().serviceMethod(), r.header().seq(), error),
                            r.args(), out);
                    seen.add(out.toString(StandardCharsets.UTF_8));
                    out.clear();
                }
                in.discardReadBytes();
            }
        } catch (CodecException e) {
            seen.add("codec error");
        } finally {
            in.release();
            out.release();
        }
        return seen;
    }

    /** What the client side makes of {@code bytes}, fed in {@code chunks}. */
    static List<String> call(byte[] bytes, int[] chunks) {
        ClientCodec client = CODEC.newClientCodec(LIMIT);
        List<String> seen = new ArrayList<>();
        ByteBuf in = Unpooled.buffer();
        try {
            int offset = 0;
            for (int size : chunks) {
                in.writeBytes(bytes, offset, size);
                offset += size;
                DecodedResponse r;
                while ((r = client.readResponse(in, ChunkedJsonRpcDecoding::replyType)) != null) {
                    seen.add(r.header() + " " + describe(r.reply()) + " " + r.bodyError());
                }
                in.discardReadBytes();
            }
        } catch (CodecException e) {
            seen.add("codec error");
        } finally {
            in.release();
        }
        return seen;
    }

    /** Different calls wait for different reply types; every third one has given up (reply discarded). */
    private static Type replyType(long seq) {
        return switch ((int) Long.remainderUnsigned(seq, 4)) {
            case 0 -> Object.class;
            case 1 -> Quotient.class;
            case 2 -> null;
            default -> String.class;
        };
    }

    private static String describe(Object value) {
        return value instanceof byte[] b ? Arrays.toString(b)
                : value instanceof int[] ints ? Arrays.toString(ints)
                : String.valueOf(value);
    }
}
