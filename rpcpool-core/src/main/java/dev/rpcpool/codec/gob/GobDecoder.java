package dev.rpcpool.codec.gob;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.internal.GobTypes;
import dev.rpcpool.codec.gob.internal.JavaTypes;
import dev.rpcpool.codec.gob.internal.StreamDecoder;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;
import java.util.Optional;

/**
 * Reads values from one gob stream incrementally, as Go's {@code gob.Decoder} does. Decoding into
 * {@code Object.class} yields dynamic values: structs as {@code Map<String,Object>}, slices as
 * lists, scalars boxed.
 *
 * <p>Thread-safety: not thread-safe.
 */
public final class GobDecoder {
    private final StreamDecoder dec;

    GobDecoder(GobTypes types, int maxMessageBytes, int maxDepth) {
        this.dec = new StreamDecoder(types, maxMessageBytes, maxDepth);
    }

    /**
     * Decodes the next value from {@code in} into {@code type}, or returns empty when {@code in}
     * does not hold all of it yet (type definitions before it may have been consumed; call again
     * with more bytes).
     *
     * @throws CodecException if the input is malformed, does not fit {@code type}, or exceeds a limit
     */
    public Optional<Object> decode(ByteBuf in, Type type) {
        Object v = dec.read(in, JavaTypes.of(type));
        return v == StreamDecoder.INCOMPLETE ? Optional.empty() : Optional.of(v);
    }

    /** Decodes and discards the next value; returns false when it has not fully arrived. */
    public boolean skip(ByteBuf in) {
        return dec.read(in, null) != StreamDecoder.INCOMPLETE;
    }
}
