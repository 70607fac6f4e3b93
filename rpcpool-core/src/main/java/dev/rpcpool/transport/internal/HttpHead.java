package dev.rpcpool.transport.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/**
 * Finds the end of an HTTP/1.x head (request or status line plus headers) the way Go's
 * {@code net/http} reads it: lines end in LF with an optional CR, and a blank line ends the head.
 * Internal.
 */
final class HttpHead {
    /** The most a head may take before the peer is judged not to be speaking HTTP. */
    static final int MAX_HEAD_BYTES = 8192;

    private HttpHead() {}

    /**
     * Returns the first line of the head if {@code in} holds a complete head, consuming the whole
     * head; returns {@code null} (consuming nothing) if more bytes are needed.
     *
     * @throws IllegalStateException if the head exceeds {@link #MAX_HEAD_BYTES}
     */
    static String readFirstLine(ByteBuf in) {
        int start = in.readerIndex();
        int end = in.writerIndex();
        int lineStart = start;
        String firstLine = null;
        for (int i = start; i < end; i++) {
            if (in.getByte(i) != '\n') {
                continue;
            }
            int lineEnd = i > lineStart && in.getByte(i - 1) == '\r' ? i - 1 : i;
            if (firstLine == null) {
                firstLine = in.toString(lineStart, lineEnd - lineStart, StandardCharsets.ISO_8859_1);
            } else if (lineEnd == lineStart) {
                in.readerIndex(i + 1);
                return firstLine;
            }
            lineStart = i + 1;
        }
        if (end - start > MAX_HEAD_BYTES) {
            throw new IllegalStateException("HTTP head longer than " + MAX_HEAD_BYTES + " bytes");
        }
        return null;
    }
}
