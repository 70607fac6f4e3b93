package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.lang.reflect.Type;

/**
 * {@code Object} and Java interface or abstract types ↔ Go interface values. A value travels as
 * the Go name its class is registered under, the id of its concrete type, and its byte count and
 * encoding; an unregistered class or Go name fails with a message naming it. Declared
 * {@code Object} also accepts any non-interface wire value, decoded dynamically (maps, lists,
 * boxed scalars).
 *
 * <p>Thread-safety: immutable.
 */
final class JInterface extends JType {
    /** Go refuses longer type names in interface values; so do we. */
    private static final int MAX_NAME = 1024;
    private final Class<?> declared;
    /** Dynamic decoding: a value of an unregistered Go type is decoded as a dynamic value. */
    private final boolean dynamic;

    JInterface(Class<?> declared) {
        this(declared, false);
    }

    private JInterface(Class<?> declared, boolean dynamic) {
        super(declared);
        this.declared = declared;
        this.dynamic = dynamic;
    }

    /** Interface values met while decoding without Java types: gob describes the concrete value. */
    static final JInterface DYNAMIC = new JInterface(Object.class, true);

    @Override
    public int wireId(StreamEncoder enc) {
        return WireType.INTERFACE;
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object v) {
        String name = enc.types().nameOf(v.getClass());
        JType concrete = JavaTypes.of(v.getClass());
        out.writeString(name);
        out.writeInt(concrete.wireId(enc));
        // The value is length-prefixed so a receiver that cannot use it can skip it.
        GobOutput payload = new GobOutput(64);
        if (!concrete.isStruct()) {
            payload.writeUint(0);
        }
        concrete.encode(enc, payload, v);
        out.writeMessage(payload);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        if (wireId != WireType.INTERFACE) {
            if (declared == Object.class) {
                return dec.decoderFor(wireId, Dynamic.INSTANCE);
            }
            throw mismatch(dec, wireId);
        }
        return in -> {
            int n = in.readCount("interface type name");
            if (n == 0) {
                return null; // a nil interface
            }
            if (n > MAX_NAME) {
                throw in.error("interface type name of " + n + " bytes is longer than " + MAX_NAME);
            }
            String name = in.readUtf8(n);
            JType concrete;
            if (dynamic && !dec.types().isRegistered(name)) {
                concrete = Dynamic.INSTANCE;
            } else {
                Type t = dec.types().typeOf(name);
                concrete = JavaTypes.of(t);
                if (!declared.isAssignableFrom(boxed(JavaTypes.rawClass(t)))) {
                    throw new CodecException("gob: Go type " + name + " (Java " + t.getTypeName()
                            + ") is not assignable to " + declared.getName());
                }
            }
            int concreteId = dec.readInterfaceTypeId(in);
            in.readUint(); // the value's byte count, only needed to skip it
            in.enter();
            if (!dec.isStruct(concreteId) && in.readUint() != 0) {
                throw in.error("corrupted interface value: non-zero singleton delta");
            }
            Object v = dec.decoderFor(concreteId, concrete).decode(in);
            in.leave();
            return v;
        };
    }

    private static Class<?> boxed(Class<?> c) {
        if (!c.isPrimitive()) {
            return c;
        }
        return java.lang.invoke.MethodType.methodType(c).wrap().returnType();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JInterface i && i.declared == declared && i.dynamic == dynamic;
    }

    @Override
    public int hashCode() {
        return declared.hashCode() + (dynamic ? 1 : 0);
    }
}
