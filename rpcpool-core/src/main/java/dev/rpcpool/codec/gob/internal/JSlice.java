package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.lang.reflect.Array;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code List<E>} and Java arrays (other than {@code byte[]}) ↔ Go slices; Go arrays decode into
 * them too. Arrays of {@code long}, {@code int} and {@code double} are read and written without
 * boxing. Nulls cannot be sent (Go slices of values hold none).
 *
 * <p>Thread-safety: immutable.
 */
final class JSlice extends JType {
    enum Container { LIST, ARRAY }

    final JType elem;
    private final Container container;
    private final Class<?> component;

    JSlice(Type type, JType elem, Container container) {
        super(type);
        this.elem = elem;
        this.container = container;
        Class<?> raw = container == Container.ARRAY && type instanceof Class<?> c ? c.getComponentType() : null;
        this.component = raw != null ? raw
                : container == Container.ARRAY ? JavaTypes.rawClass(elem.javaType) : null;
        if (container == Container.LIST && (type instanceof Class<?> || type instanceof java.lang.reflect.ParameterizedType)) {
            Class<?> r = JavaTypes.rawClass(type);
            if (!r.isAssignableFrom(ArrayList.class)) {
                throw new IllegalArgumentException("gob: decode target " + type.getTypeName()
                        + " is not a List that ArrayList satisfies; declare it as List<...>");
            }
        }
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return enc.defineType(this);
    }

    @Override
    public WireType wireType(StreamEncoder enc) {
        return WireType.slice("", elem.wireId(enc));
    }

    @Override
    public boolean isZero(Object v) {
        return v == null || (v instanceof List<?> l ? l.isEmpty() : Array.getLength(v) == 0);
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object v) {
        if (v instanceof List<?> list) {
            out.writeUint(list.size());
            int i = 0;
            for (Object e : list) {
                encodeElem(enc, out, e, i++);
            }
        } else if (v instanceof long[] a) {
            out.writeUint(a.length);
            for (long x : a) {
                out.writeInt(x);
            }
        } else if (v instanceof int[] a) {
            out.writeUint(a.length);
            for (int x : a) {
                out.writeInt(x);
            }
        } else if (v instanceof double[] a) {
            out.writeUint(a.length);
            for (double x : a) {
                out.writeFloat(x);
            }
        } else if (v instanceof Object[] a) {
            out.writeUint(a.length);
            for (int i = 0; i < a.length; i++) {
                encodeElem(enc, out, a[i], i);
            }
        } else {
            int n = Array.getLength(v);
            out.writeUint(n);
            for (int i = 0; i < n; i++) {
                elem.encode(enc, out, Array.get(v, i));
            }
        }
    }

    private void encodeElem(StreamEncoder enc, GobOutput out, Object e, int i) {
        if (e == null) {
            throw new CodecException("gob: element " + i + " of " + javaType.getTypeName()
                    + " is null; Go slices cannot hold nil values");
        }
        elem.encode(enc, out, e);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        WireType w = dec.definedOrNull(wireId);
        if (w == null || (w.kind != WireType.Kind.SLICE && w.kind != WireType.Kind.ARRAY)) {
            throw mismatch(dec, wireId);
        }
        int elemId = w.elem;
        Dec e = dec.decoderFor(elemId, elem);
        if (container == Container.LIST) {
            return listDecoder(e);
        }
        if (component == long.class || component == int.class) {
            boolean wide = component == long.class;
            Scalars.Int t = (Scalars.Int) elem;
            if (elemId != WireType.INT && elemId != WireType.UINT) {
                throw mismatch(dec, wireId);
            }
            boolean wireUnsigned = elemId == WireType.UINT;
            return in -> {
                int n = in.readCount("slice element");
                if (wide) {
                    long[] a = new long[n];
                    for (int i = 0; i < n; i++) {
                        a[i] = t.read(in, wireUnsigned);
                    }
                    return a;
                }
                int[] a = new int[n];
                for (int i = 0; i < n; i++) {
                    a[i] = (int) t.read(in, wireUnsigned);
                }
                return a;
            };
        }
        if (component == double.class) {
            return in -> {
                int n = in.readCount("slice element");
                double[] a = new double[n];
                for (int i = 0; i < n; i++) {
                    a[i] = in.readFloat();
                }
                return a;
            };
        }
        return in -> {
            in.enter();
            int n = in.readCount("slice element");
            Object a = Array.newInstance(component, n);
            for (int i = 0; i < n; i++) {
                Array.set(a, i, e.decode(in));
            }
            in.leave();
            return a;
        };
    }

    /** Reads a slice or array of elements read by {@code e} into an {@code ArrayList}. */
    static Dec listDecoder(Dec e) {
        return in -> {
            in.enter();
            int n = in.readCount("slice element");
            List<Object> list = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                list.add(e.decode(in));
            }
            in.leave();
            return list;
        };
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JSlice s && s.elem.equals(elem) && s.container == container && s.component == component;
    }

    @Override
    public int hashCode() {
        return 31 * elem.hashCode() + 1;
    }
}
