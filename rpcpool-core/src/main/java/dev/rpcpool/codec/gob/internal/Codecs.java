package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GobTyped;
import io.netty.buffer.ByteBuf;

/** Helpers shared by the gob client and server codecs. */
final class Codecs {
    private Codecs() {}

    /** The mapping of a value to send: its declared type if wrapped in {@link GobTyped}, else its runtime class. */
    static JType typeOfValue(Object v) {
        return v instanceof GobTyped t ? JavaTypes.of(t.type()) : JavaTypes.ofValue(v);
    }

    /** The value itself, unwrapped from {@link GobTyped}. */
    static Object valueOf(Object v) {
        return v instanceof GobTyped t ? t.value() : v;
    }

    /** Reads a header; a header that does not decode means the stream is broken. */
    static Object readHeader(StreamDecoder dec, ByteBuf in, JType headerType) {
        try {
            return dec.read(in, headerType);
        } catch (ValueException e) {
            throw new CodecException("gob: malformed net/rpc header: " + JStruct.strip(e.getMessage()), e);
        }
    }

    static CodecException asCodecException(RuntimeException e, String what) {
        if (e instanceof CodecException c) {
            return c;
        }
        return new CodecException("gob: cannot encode the " + what + ": " + e.getMessage(), e);
    }
}
