package dev.rpcpool.codec.gob.internal;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;

/**
 * Reads the body that follows a net/rpc header, possibly over several calls as bytes arrive: into
 * the Java type chosen when the header was read, discarding it when there is none, and turning a
 * body that is intact but does not fit into an error message instead of a broken stream.
 *
 * <p>Thread-safety: not thread-safe; one per connection.
 */
final class BodyReader {
    private final StreamDecoder dec;
    private JType type;
    private String error;
    private Object value;

    BodyReader(StreamDecoder dec) {
        this.dec = dec;
    }

    /** Starts a body to be decoded into {@code javaType} ({@code null}: discard it). */
    void begin(Type javaType) {
        type = null;
        error = null;
        value = null;
        if (javaType != null) {
            try {
                type = JavaTypes.of(javaType);
            } catch (IllegalArgumentException e) {
                error = e.getMessage(); // the body is still read, to stay in step
            }
        }
    }

    /** Reads the body; false when it has not fully arrived (call again with more bytes). */
    boolean read(ByteBuf in) {
        Object v;
        try {
            v = dec.read(in, type);
        } catch (ValueException e) {
            error = e.getMessage();
            return true;
        }
        if (v == StreamDecoder.INCOMPLETE) {
            return false;
        }
        value = error == null ? v : null;
        return true;
    }

    /** The decoded body; null when discarded or on error. */
    Object value() {
        return value;
    }

    /** Why the body could not be decoded into its type, or null. */
    String error() {
        return error;
    }
}
