package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.nio.charset.StandardCharsets;

/**
 * Reads gob primitives from one message (frame) held in a byte array, checking every length
 * against the bytes that remain, so hostile counts fail at once instead of allocating.
 *
 * <p>A value may continue in the next message when Go sends the definition of an interface
 * value's concrete type in the middle of it; {@link #nextFrame()} then asks the {@link Frames}
 * for it.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class GobInput {
    /** Supplies the message that continues the current value. */
    public interface Frames {
        /**
         * Hands the next message to {@code in} with {@link GobInput#continueWith}, or throws
         * {@link NeedMoreInput} if it has not arrived yet.
         */
        void next(GobInput in);
    }

    /** Strings up to this many bytes are compared with {@link #recent} before one is made. */
    private static final int RECENT_MAX_BYTES = 64;

    private byte[] data;
    private int pos;
    /** The last short string read; see {@link #readUtf8}. */
    private String recent;
    private int limit;
    private final Frames frames;
    private int depth;
    private final int maxDepth;

    public GobInput(byte[] data, Frames frames, int maxDepth) {
        this.frames = frames;
        this.maxDepth = maxDepth;
        reset(data);
    }

    /** Starts reading a new message (the object is reused from message to message). */
    public void reset(byte[] message) {
        reset(message, message.length);
    }

    /**
     * Starts reading a new message held in the first {@code length} bytes of {@code buffer}. The
     * buffer may be reused for the next message: nothing read from it keeps a reference to it.
     */
    public void reset(byte[] buffer, int length) {
        continueWith(buffer, length);
        depth = 0;
    }

    /** Continues the current value in the next message, the first {@code length} bytes of {@code buffer}. */
    public void continueWith(byte[] buffer, int length) {
        data = buffer;
        pos = 0;
        limit = length;
    }

    public int remaining() {
        return limit - pos;
    }

    public int position() {
        return pos;
    }

    /** Moves on to the next message of the stream (the current one must be exhausted). */
    public void nextFrame() {
        if (frames == null) {
            throw error("value continues past the end of its message");
        }
        frames.next(this);
    }

    /** Enters one level of nesting; fails when the value nests deeper than the limit. */
    public void enter() {
        if (++depth > maxDepth) {
            throw error("value nests deeper than " + maxDepth + " levels");
        }
    }

    public void leave() {
        depth--;
    }

    public CodecException error(String message) {
        return new CodecException("gob: " + message + " (at byte " + pos + " of a " + limit + "-byte message)");
    }

    private void need(int n) {
        if (n > limit - pos) {
            throw error("unexpected end of message: need " + n + " more bytes, have " + (limit - pos));
        }
    }

    public long readUint() {
        need(1);
        int b = data[pos++];
        if (b >= 0) {
            return b;
        }
        int n = -b;
        if (n > 8) {
            throw error("invalid unsigned integer byte count " + n);
        }
        need(n);
        long v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (data[pos++] & 0xFF);
        }
        return v;
    }

    public long readInt() {
        long u = readUint();
        return (u & 1) != 0 ? ~(u >>> 1) : u >>> 1;
    }

    public boolean readBool() {
        long u = readUint();
        if (u > 1) {
            throw error("invalid bool value " + Long.toUnsignedString(u));
        }
        return u == 1;
    }

    public double readFloat() {
        return Double.longBitsToDouble(Long.reverseBytes(readUint()));
    }

    /** Reads a count (of bytes or elements) that must fit in what remains of the message. */
    public int readCount(String what) {
        long n = readUint();
        if (n < 0 || n > limit - pos) {
            throw error(what + " count " + Long.toUnsignedString(n) + " exceeds the " + (limit - pos)
                    + " bytes left in the message");
        }
        return (int) n;
    }

    public byte[] readBytes() {
        int n = readCount("byte slice");
        // a copy: the message buffer is reused for the next message
        byte[] b = new byte[n];
        System.arraycopy(data, pos, b, 0, n);
        pos += n;
        return b;
    }

    public String readString() {
        return readUtf8(readCount("string"));
    }

    /**
     * Reads {@code n} bytes of UTF-8 whose count was already read and checked. A short ASCII string
     * equal to the last one read returns that same instance: a stream repeats the same names (every
     * net/rpc reply header carries its method's), and strings are immutable.
     */
    public String readUtf8(int n) {
        need(n);
        String s = n <= RECENT_MAX_BYTES ? recentIfSame(n) : null;
        if (s == null) {
            s = new String(data, pos, n, StandardCharsets.UTF_8);
            if (n <= RECENT_MAX_BYTES) {
                recent = s;
            }
        }
        pos += n;
        return s;
    }

    /** {@link #recent} if the next {@code n} bytes are ASCII and spell it; else null. */
    private String recentIfSame(int n) {
        String r = recent;
        if (r == null || r.length() != n) {
            return null;
        }
        for (int i = 0; i < n; i++) {
            byte b = data[pos + i];
            // a non-ASCII byte never matches: the decoded string's chars are not its bytes
            if (b < 0 || b != r.charAt(i)) {
                return null;
            }
        }
        return r;
    }

    public void skip(int n) {
        need(n);
        pos += n;
    }
}
