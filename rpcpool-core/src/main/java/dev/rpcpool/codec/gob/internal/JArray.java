package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GoArray;
import java.lang.reflect.Array;
import java.util.List;

/**
 * A Java array or {@code List} sent as a Go fixed-size array {@code [len]T} (a field with
 * {@code @GobArray}, or a top-level {@code GoArray}): the wire format of its values is a slice's (a count, then the elements),
 * but its type definition is gob's array type with the length, and the count must be that length.
 * {@code byte[]} elements go as gob unsigned integers, as Go sends {@code [N]byte} (only
 * {@code []byte} travels as raw bytes). Decoding is the underlying type's.
 *
 * <p>Thread-safety: immutable.
 */
final class JArray extends JType {
    private final JType base;
    /** The element's mapping, for the type definition; for {@code byte[]}, Go's {@code uint8}. */
    private final JType elem;
    private final int len;
    /** The field, for messages: "field hash of record Block". */
    private final String where;

    private JArray(JType base, JType elem, int len, String where) {
        super(base.javaType);
        this.base = base;
        this.elem = elem;
        this.len = len;
        this.where = where;
    }

    /**
     * @param base the mapping of the field's Java type
     * @throws IllegalArgumentException if that type is no Java array or {@code List}, or {@code len} is negative
     */
    static JArray of(JType base, int len, String where) {
        if (len < 0) {
            throw new IllegalArgumentException("@GobArray length must be >= 0, was " + len + " (" + where + ")");
        }
        if (base instanceof JSlice s) {
            return new JArray(base, s.elem, len, where);
        }
        if (base instanceof Scalars.Bytes) {
            return new JArray(base, new Scalars.Int(byte.class, 8, true), len, where);
        }
        throw new IllegalArgumentException("@GobArray applies to Java arrays and Lists, not "
                + base.javaType.getTypeName() + " (" + where + ")");
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return enc.defineType(this);
    }

    @Override
    public WireType wireType(StreamEncoder enc) {
        return WireType.array("", elem.wireId(enc), len);
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object value) {
        Object v = value instanceof GoArray a ? a.elements() : value;
        int n = v instanceof List<?> list ? list.size() : Array.getLength(v);
        if (n != len) {
            throw new CodecException("gob: " + where + " is a Go [" + len + "] array (@GobArray(" + len
                    + ")) but holds " + n + " element" + (n == 1 ? "" : "s"));
        }
        if (v instanceof byte[] bytes) {
            out.writeUint(n);
            for (byte b : bytes) {
                out.writeUint(b & 0xFF);
            }
        } else {
            base.encode(enc, out, v);
        }
    }

    @Override
    public boolean isZero(Object v) {
        return v == null; // Go always sends arrays, zero or not
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        return base.decoder(dec, wireId);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JArray a && a.base.equals(base) && a.len == len;
    }

    @Override
    public int hashCode() {
        return 31 * base.hashCode() + len;
    }
}
