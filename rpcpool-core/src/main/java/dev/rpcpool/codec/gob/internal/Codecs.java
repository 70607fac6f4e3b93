package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GoArray;
import dev.rpcpool.codec.gob.GobTyped;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Array;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** Helpers shared by the gob client and server codecs. */
final class Codecs {
    private Codecs() {}

    /** The mapping of a value to send: its declared type if wrapped in {@link GobTyped}, else its runtime class. */
    static JType typeOfValue(Object v) {
        return v instanceof GobTyped t ? JavaTypes.of(t.type()) : JavaTypes.ofValue(v);
    }

    /**
     * A service's reply as its method declares it: a collection, map or array reply is sent as the
     * declared Go type ({@code []int}, {@code map[string]T}), not by its runtime class (a
     * {@code LinkedHashMap} would otherwise go out as a struct), and a {@code null} one as an empty
     * value, as Go sends a nil slice or map; a {@code null} struct or scalar reply as its Go zero
     * value, as Go sends a reply its method never set. Anything else is sent as it is.
     */
    static Object asDeclared(Object reply, Type declared) {
        if (declared == null || reply instanceof GobTyped) {
            return reply;
        }
        if (reply == null) {
            Object zero = zeroOf(declared);
            if (zero != null) {
                return zero;
            }
        }
        Class<?> raw = declared instanceof Class<?> c ? c
                : declared instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
        if (raw == null || !(raw.isArray() || List.class.isAssignableFrom(raw) || Map.class.isAssignableFrom(raw))
                || (!(declared instanceof ParameterizedType) && !raw.isArray())) {
            return reply; // raw List or Map: the declaration says no more than the value does
        }
        if (reply != null) {
            return new GobTyped(reply, declared);
        }
        Object empty = raw.isArray() ? Array.newInstance(raw.getComponentType(), 0)
                : SortedMap.class.isAssignableFrom(raw) ? new TreeMap<>()
                : Map.class.isAssignableFrom(raw) ? Map.of() : List.of();
        return new GobTyped(empty, declared);
    }

    /**
     * What Go sends for a reply of the declared type that was never set: its zero value, for a
     * struct or a scalar; null for collections (handled by the caller) and for interface types,
     * whose zero Go cannot send either.
     */
    private static Object zeroOf(Type declared) {
        Class<?> raw = declared instanceof Class<?> c ? c : null;
        if (raw == null || raw == Object.class || raw.isInterface() || raw.isArray() || raw == GoArray.class) {
            return null;
        }
        Object scalar = Member.zeroOf(raw);
        if (scalar != null) {
            return scalar;
        }
        if (raw.isEnum()) {
            return ""; // Go's zero string, which names no constant
        }
        if (raw == Instant.class) {
            return GoTime.ZERO;
        } else if (raw == BigInteger.class) {
            return BigInteger.ZERO;
        }
        try {
            return JavaTypes.of(raw) instanceof JStruct ? new GobTyped(JStruct.ZERO, raw) : null;
        } catch (RuntimeException notMappable) {
            return null; // the null reply then fails as it would have, naming the method
        }
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
