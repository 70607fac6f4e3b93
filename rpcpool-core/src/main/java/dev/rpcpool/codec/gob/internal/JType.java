package dev.rpcpool.codec.gob.internal;

import java.lang.reflect.Type;

/**
 * How one Java type maps to gob: which wire type it is sent as, how a value is written, and how
 * a value of a peer's wire type is read into it. Instances for classes are built once per JVM and
 * cached ({@link JavaTypes}); they hold no per-connection state, so they are thread-safe.
 */
public abstract class JType {
    /** The Java type this maps, used in messages. */
    public final Type javaType;

    protected JType(Type javaType) {
        this.javaType = javaType;
    }

    /**
     * The wire type id a value is sent as: a predefined id, or the id this connection gave the
     * type's definition ({@link StreamEncoder#defineType}).
     */
    public abstract int wireId(StreamEncoder enc);

    /** The definition sent for a non-predefined type; children ids come from {@code enc}. */
    public WireType wireType(StreamEncoder enc) {
        throw new IllegalStateException(this + " is predefined");
    }

    /** Writes a non-null value (no field delta). */
    public abstract void encode(StreamEncoder enc, GobOutput out, Object value);

    /** True when a struct field holding {@code value} is omitted, as Go omits zero fields. */
    public boolean isZero(Object value) {
        return value == null;
    }

    /** True when the value is sent as a struct (top-level non-structs get a zero "singleton" delta). */
    public boolean isStruct() {
        return false;
    }

    /**
     * Builds the decoder of values of the peer's wire type {@code wireId} into this Java type, or
     * fails with a message naming both types when they do not fit.
     */
    public abstract Dec decoder(StreamDecoder dec, int wireId);

    protected final dev.rpcpool.codec.CodecException mismatch(StreamDecoder dec, int wireId) {
        return new dev.rpcpool.codec.CodecException("gob: type mismatch: cannot decode Go "
                + dec.describe(wireId) + " into Java " + javaType.getTypeName());
    }

    @Override
    public String toString() {
        return javaType.getTypeName();
    }
}
