package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code Map<K,V>} ↔ Go maps. Decoded maps are {@code LinkedHashMap}s in wire order (or
 * {@code TreeMap}s for sorted-map targets). An empty map is sent (Go omits only nil maps).
 *
 * <p>Thread-safety: immutable.
 */
final class JMap extends JType {
    final JType key;
    final JType value;
    private final boolean sorted;

    JMap(Type type, JType key, JType value) {
        super(type);
        this.key = key;
        this.value = value;
        Class<?> raw = JavaTypes.rawClass(type);
        this.sorted = !raw.isAssignableFrom(LinkedHashMap.class);
        if (sorted && !raw.isAssignableFrom(TreeMap.class)) {
            throw new IllegalArgumentException("gob: decode target " + type.getTypeName()
                    + " is not a Map that LinkedHashMap or TreeMap satisfies; declare it as Map<...>");
        }
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return enc.defineType(this);
    }

    @Override
    public WireType wireType(StreamEncoder enc) {
        return WireType.map("", key.wireId(enc), value.wireId(enc));
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object v) {
        Map<?, ?> m = (Map<?, ?>) v;
        out.writeUint(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getKey() == null || e.getValue() == null) {
                throw new CodecException("gob: " + javaType.getTypeName() + " holds a null "
                        + (e.getKey() == null ? "key" : "value for key " + e.getKey()) + "; Go maps cannot hold nil");
            }
            key.encode(enc, out, e.getKey());
            value.encode(enc, out, e.getValue());
        }
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        WireType w = dec.definedOrNull(wireId);
        if (w == null || w.kind != WireType.Kind.MAP) {
            throw mismatch(dec, wireId);
        }
        Dec k = dec.decoderFor(w.key, key);
        Dec e = dec.decoderFor(w.elem, value);
        return in -> {
            in.enter();
            int n = in.readCount("map entry");
            Map<Object, Object> m = sorted ? new TreeMap<>() : new LinkedHashMap<>(Math.min(n, 1 << 16) * 4 / 3 + 1);
            for (int i = 0; i < n; i++) {
                Object kv = k.decode(in);
                m.put(kv, e.decode(in));
            }
            in.leave();
            return m;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JMap m && m.key.equals(key) && m.value.equals(value) && m.sorted == sorted;
    }

    @Override
    public int hashCode() {
        return 31 * key.hashCode() + value.hashCode() + 2;
    }
}
