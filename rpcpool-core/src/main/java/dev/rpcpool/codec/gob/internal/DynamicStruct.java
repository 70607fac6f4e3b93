package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@code Map<String,Object>} sent as a Go struct: one field per non-null entry, in the map's
 * iteration order, named by its key with the first letter capitalised (Go only exchanges exported
 * fields), typed by its value's runtime class. Two maps with the same keys and value types share
 * one type definition per connection.
 *
 * <p>Thread-safety: immutable.
 */
final class DynamicStruct extends JType {
    private final List<String> keys;
    private final List<String> names;
    private final List<JType> types;

    private DynamicStruct(List<String> keys, List<String> names, List<JType> types) {
        super(Map.class);
        this.keys = keys;
        this.names = names;
        this.types = types;
    }

    static DynamicStruct shapeOf(Map<?, ?> m) {
        List<String> keys = new ArrayList<>(m.size());
        List<String> names = new ArrayList<>(m.size());
        List<JType> types = new ArrayList<>(m.size());
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (!(e.getKey() instanceof String k) || k.isEmpty()) {
                throw new CodecException("gob: a dynamic map is sent as a Go struct and needs non-empty String keys, not "
                        + e.getKey());
            }
            if (e.getValue() == null) {
                continue; // nothing to send, and no type to declare
            }
            keys.add(k);
            names.add(Character.toUpperCase(k.charAt(0)) + k.substring(1));
            types.add(JavaTypes.ofValue(e.getValue()));
        }
        return new DynamicStruct(keys, names, types);
    }

    @Override
    public boolean isStruct() {
        return true;
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return enc.defineType(this);
    }

    @Override
    public WireType wireType(StreamEncoder enc) {
        int[] ids = new int[types.size()];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = types.get(i).wireId(enc);
        }
        return WireType.struct("", names, ids);
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object value) {
        Map<?, ?> m = (Map<?, ?>) value;
        int last = -1;
        for (int i = 0; i < keys.size(); i++) {
            Object v = m.get(keys.get(i));
            JType t = types.get(i);
            if (!t.isZero(v)) {
                out.writeUint(i - last);
                last = i;
                t.encode(enc, out, v);
            }
        }
        out.writeUint(0);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        return dec.decoderFor(wireId, Dynamic.INSTANCE);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DynamicStruct d && d.names.equals(names) && d.types.equals(types);
    }

    @Override
    public int hashCode() {
        return names.hashCode() * 31 + types.hashCode();
    }
}
