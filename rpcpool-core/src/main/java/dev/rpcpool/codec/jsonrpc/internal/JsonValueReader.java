package dev.rpcpool.codec.jsonrpc.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import dev.rpcpool.codec.CodecException;
import io.netty.buffer.ByteBuf;
import java.io.IOException;

/**
 * Splits a byte stream into top-level JSON values, as Go's {@code json.Decoder} does, with
 * Jackson's non-blocking parser: bytes are fed as they arrive, tokens of the value in progress are
 * kept in a {@link TokenBuffer}, and a complete value is turned into a tree. No JSON scanning of our
 * own. A value longer than the limit fails as soon as it passes the limit, so memory stays bounded.
 * Internal; not thread-safe (one per connection, event loop only).
 */
final class JsonValueReader {
    /** Bytes handed to the parser at a time; the array is reused (the parser copies partial tokens). */
    private static final int FEED_CHUNK = 16 * 1024;

    private final JsonSupport json;
    private final int maxBytes;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private byte[] chunk;
    private TokenBuffer tokens;
    private long valueStart;
    private int depth;

    JsonValueReader(JsonSupport json, int maxBytes) {
        this.json = json;
        this.maxBytes = maxBytes;
        try {
            this.parser = json.framingFactory(maxBytes).createNonBlockingByteArrayParser();
        } catch (IOException e) {
            throw new IllegalStateException("cannot create JSON parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /**
     * Returns the next complete JSON value, or {@code null} if {@code in} (all of which may be
     * consumed) does not complete one yet.
     *
     * @throws CodecException on malformed JSON or a value over the size limit
     */
    JsonNode next(ByteBuf in) {
        try {
            while (true) {
                JsonToken token = parser.nextToken();
                if (token == JsonToken.NOT_AVAILABLE || token == null) {
                    if (!feed(in)) {
                        checkSize(parser.currentLocation().getByteOffset());
                        return null;
                    }
                    continue;
                }
                if (tokens == null) {
                    tokens = new TokenBuffer(parser, null);
                    valueStart = parser.currentTokenLocation().getByteOffset();
                    depth = 0;
                }
                checkSize(parser.currentLocation().getByteOffset());
                tokens.copyCurrentEvent(parser);
                if (token.isStructStart()) {
                    depth++;
                } else if (token.isStructEnd()) {
                    depth--;
                }
                if (depth == 0) {
                    TokenBuffer value = tokens;
                    tokens = null;
                    try (JsonParser p = value.asParser(json.mapper())) {
                        return json.readTree(p);
                    }
                }
            }
        } catch (StreamConstraintsException e) {
            throw new CodecException("jsonrpc: message longer than the limit of " + maxBytes + " bytes ("
                    + e.getOriginalMessage() + ")", e);
        } catch (JsonProcessingException e) {
            throw new CodecException("jsonrpc: malformed JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new CodecException("jsonrpc: cannot read JSON: " + e.getMessage(), e);
        }
    }

    /** Bytes of the value in progress taken from the input so far; 0 between values. */
    long pendingBytes() {
        return tokens == null ? 0 : Math.max(0, parser.currentLocation().getByteOffset() - valueStart);
    }

    private void checkSize(long offset) {
        if (tokens != null && offset - valueStart > maxBytes) {
            throw new CodecException("jsonrpc: message longer than the limit of " + maxBytes + " bytes");
        }
    }

    /** Feeds the parser the next bytes of {@code in}; false if it must wait for more bytes first. */
    private boolean feed(ByteBuf in) throws IOException {
        int n = feedLength(in);
        if (n == 0) {
            return false;
        }
        if (chunk == null || chunk.length < n) {
            chunk = new byte[Math.max(n, FEED_CHUNK)];
        }
        in.readBytes(chunk, 0, n);
        feeder.feedInput(chunk, 0, n);
        return true;
    }

    /**
     * How many bytes to feed: up to {@link #FEED_CHUNK}, but never ending in a comma or colon
     * followed only by whitespace. Jackson's non-blocking parser (2.20) accepts a {@code '}'} right
     * after a comma or colon in an object ({@code {"a":1,}}, {@code {"a":}}) when its input ended in
     * between, and rejects it otherwise; Go's {@code encoding/json} always rejects it. So a separator
     * is fed only together with the next significant byte, which makes the result independent of how
     * the bytes arrived. Bytes held back stay in {@code in} until more arrive.
     */
    private int feedLength(ByteBuf in) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int n = Math.min(readable, FEED_CHUNK);
        int last = n - 1;
        while (last >= 0 && isWhitespace(in.getByte(start + last))) {
            last--;
        }
        if (last < 0 || !isSeparator(in.getByte(start + last))) {
            return n;
        }
        if (last > 0) {
            return last; // the separator starts the next feed
        }
        // the separator comes first: feed it with the next significant byte, however far that is
        int next = 1;
        while (next < readable && isWhitespace(in.getByte(start + next))) {
            next++;
        }
        if (next > maxBytes) {
            throw new CodecException("jsonrpc: message longer than the limit of " + maxBytes + " bytes");
        }
        return next < readable ? next + 1 : 0;
    }

    private static boolean isSeparator(byte b) {
        return b == ',' || b == ':';
    }

    /** JSON's insignificant whitespace. */
    private static boolean isWhitespace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r';
    }
}
