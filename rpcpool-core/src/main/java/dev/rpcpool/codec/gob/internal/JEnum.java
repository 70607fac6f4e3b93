package dev.rpcpool.codec.gob.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * A Java enum ↔ a Go string, by constant name: Go has no enums, and a {@code type Status string}
 * with named constants is the closest Go idiom (it is also how Jackson writes enums for the
 * jsonrpc codec). Go's zero string decodes as {@code null}; any other string that names no
 * constant fails, listing the constants.
 *
 * <p>Thread-safety: immutable.
 */
final class JEnum extends JType {
    private final Map<String, Enum<?>> byName;

    JEnum(Class<?> enumClass) {
        super(enumClass);
        Map<String, Enum<?>> names = new HashMap<>();
        for (Object constant : enumClass.getEnumConstants()) {
            Enum<?> e = (Enum<?>) constant;
            names.put(e.name(), e);
        }
        this.byName = Map.copyOf(names);
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return WireType.STRING;
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object v) {
        out.writeString(((Enum<?>) v).name());
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        if (wireId != WireType.STRING) {
            throw mismatch(dec, wireId);
        }
        return in -> {
            String name = in.readString();
            if (name.isEmpty()) {
                return null;
            }
            Enum<?> e = byName.get(name);
            if (e == null) {
                throw in.error("Go string \"" + name + "\" names no constant of Java enum " + javaType.getTypeName()
                        + " " + Arrays.toString(((Class<?>) javaType).getEnumConstants()));
            }
            return e;
        };
    }
}
