package dev.rpcpool.codec.gob.internal;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte buffer with gob's primitive encodings (see {@code encoding/gob/doc.go}): unsigned
 * integers in the shortest form (one byte below 128, else a negated byte count and big-endian
 * bytes), signed integers folded into unsigned ones, floats byte-reversed, strings and byte slices
 * length-prefixed.
 *
 * <p>Thread-safety: not thread-safe; one per encoder.
 */
public final class GobOutput {
    private byte[] buf;
    private int len;

    public GobOutput(int initialCapacity) {
        buf = new byte[Math.max(16, initialCapacity)];
    }

    public int length() {
        return len;
    }

    public void reset() {
        len = 0;
    }

    /** Truncates back to a previous {@link #length()} (used to undo a partly written value). */
    public void truncate(int length) {
        len = length;
    }

    private void ensure(int extra) {
        if (len + extra > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, len + extra));
        }
    }

    public void writeUint(long v) {
        if (v >= 0 && v < 0x80) {
            ensure(1);
            buf[len++] = (byte) v;
            return;
        }
        int n = (64 - Long.numberOfLeadingZeros(v) + 7) >>> 3;
        ensure(n + 1);
        buf[len++] = (byte) -n;
        for (int shift = (n - 1) * 8; shift >= 0; shift -= 8) {
            buf[len++] = (byte) (v >>> shift);
        }
    }

    public void writeInt(long v) {
        writeUint(v < 0 ? (~v << 1) | 1 : v << 1);
    }

    public void writeBool(boolean v) {
        writeUint(v ? 1 : 0);
    }

    /** Go sends a float64's bits byte-reversed, so that small exponents make short encodings. */
    public void writeFloat(double v) {
        writeUint(Long.reverseBytes(Double.doubleToRawLongBits(v)));
    }

    public void writeBytes(byte[] b) {
        writeUint(b.length);
        writeRaw(b, 0, b.length);
    }

    public void writeRaw(byte[] b, int off, int n) {
        ensure(n);
        System.arraycopy(b, off, buf, len, n);
        len += n;
    }

    public void writeString(String s) {
        int n = s.length();
        boolean ascii = n < 0x80;
        for (int i = 0; ascii && i < n; i++) {
            ascii = s.charAt(i) < 0x80;
        }
        if (ascii) { // the common case, without an intermediate array
            ensure(n + 1);
            buf[len++] = (byte) n;
            for (int i = 0; i < n; i++) {
                buf[len++] = (byte) s.charAt(i);
            }
        } else {
            writeBytes(s.getBytes(StandardCharsets.UTF_8));
        }
    }

    /** Appends {@code body} as one gob message: its byte count, then its bytes. */
    public void writeMessage(GobOutput body) {
        writeUint(body.len);
        writeRaw(body.buf, 0, body.len);
    }

    /** Appends everything in {@code other}. */
    public void writeAll(GobOutput other) {
        writeRaw(other.buf, 0, other.len);
    }

    public void copyTo(ByteBuf out) {
        out.writeBytes(buf, 0, len);
    }

    public byte[] toByteArray() {
        return Arrays.copyOf(buf, len);
    }
}
