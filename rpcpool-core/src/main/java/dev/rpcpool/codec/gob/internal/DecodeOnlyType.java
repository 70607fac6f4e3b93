package dev.rpcpool.codec.gob.internal;

/** A mapping used only to read values ({@link Dynamic}, {@link Skip}): it has no wire type to send. */
abstract class DecodeOnlyType extends JType {
    DecodeOnlyType(Class<?> javaType) {
        super(javaType);
    }

    @Override
    public final int wireId(StreamEncoder enc) {
        throw new IllegalStateException(this + " is decode-only");
    }

    @Override
    public final void encode(StreamEncoder enc, GobOutput out, Object value) {
        throw new IllegalStateException(this + " is decode-only");
    }
}
