package dev.rpcpool.codec.gob;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.internal.GobOutput;
import dev.rpcpool.codec.gob.internal.GobTypes;
import dev.rpcpool.codec.gob.internal.JavaTypes;
import dev.rpcpool.codec.gob.internal.StreamEncoder;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;

/**
 * Writes values to one gob stream, as Go's {@code gob.Encoder} does: each type definition once,
 * then each value as a message. Use it to produce gob outside net/rpc (files, tests).
 *
 * <p>Failure atomicity: if {@code encode} throws, nothing was written and the stream state is
 * unchanged. Thread-safety: not thread-safe.
 */
public final class GobEncoder {
    private final StreamEncoder enc;
    private final GobOutput frames = new GobOutput(256);

    GobEncoder(GobTypes types) {
        this.enc = new StreamEncoder(types);
    }

    /**
     * Encodes {@code value} by its runtime class (a {@code Map<String,Object>} as a struct).
     *
     * @throws CodecException if it cannot be encoded; the message names the type or field
     */
    public byte[] encode(Object value) {
        return encode(value, (Type) null);
    }

    /**
     * Encodes {@code value} as the declared {@code type} (for example {@code List<Long>}, so that
     * an empty list still declares its element type); {@code null} means by its runtime class.
     */
    public byte[] encode(Object value, Type type) {
        if (value == null) {
            throw new CodecException("gob: cannot encode a null top-level value");
        }
        frames.reset();
        enc.begin();
        try {
            enc.encodeMessage(value, type == null ? JavaTypes.ofValue(value) : JavaTypes.of(type), frames);
        } catch (RuntimeException e) {
            enc.rollback();
            throw e instanceof CodecException c ? c : new CodecException("gob: cannot encode " + value.getClass().getName()
                    + ": " + e.getMessage(), e);
        }
        return frames.toByteArray();
    }

    /** Encodes {@code value} (see {@link #encode(Object)}) and appends the bytes to {@code out}. */
    public void encodeTo(Object value, ByteBuf out) {
        out.writeBytes(encode(value));
    }
}
