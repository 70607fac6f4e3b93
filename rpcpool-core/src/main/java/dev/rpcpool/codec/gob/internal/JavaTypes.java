package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GoArray;
import dev.rpcpool.codec.gob.GoComplex;
import dev.rpcpool.codec.gob.GobArray;
import dev.rpcpool.codec.gob.GobUnsigned;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.WildcardType;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Maps Java types to their gob mapping ({@link JType}), analysing each class once per JVM.
 *
 * <p>Thread-safety: thread-safe. Lookups of known types are lock-free; the first analysis of a
 * type runs under a lock so recursive types see their own, partly built mapping.
 */
public final class JavaTypes {
    /** Complete mappings only: read without locking by every encoding and decoding thread. */
    private static final Map<Type, JType> CACHE = new ConcurrentHashMap<>();
    private static final Object LOCK = new Object();
    /**
     * Mappings of the analysis in progress, guarded by {@link #LOCK}. A struct is registered here
     * before its fields are analysed, so recursive types find their own mapping; it reaches
     * {@link #CACHE} only when the outermost analysis has finished, so another thread can never
     * see a half-built struct.
     */
    private static final Map<Type, JType> BUILDING = new HashMap<>();
    private static int depth; // guarded by LOCK
    static final JType UNSIGNED_LONG = new Scalars.Int(long.class, 64, true);
    static final JType UNSIGNED_BOXED = new Scalars.Int(Long.class, 64, true);
    static final JType BIG_UNSIGNED = new BigUnsigned();
    /** {@code Object}: an interface value when declared, any dynamic value at the top level. */
    public static final JType OBJECT = new JInterface(Object.class);

    private JavaTypes() {}

    /** The mapping of a declared Java type (a {@code Class} or a parameterized type). */
    public static JType of(Type type) {
        JType t = CACHE.get(type);
        if (t != null) {
            return t;
        }
        synchronized (LOCK) {
            t = CACHE.get(type); // another thread may have finished it while we waited
            if (t == null) {
                t = BUILDING.get(type);
            }
            if (t != null) {
                return t;
            }
            depth++;
            try {
                t = create(type);
                BUILDING.putIfAbsent(type, t);
            } finally {
                if (--depth == 0) {
                    if (t != null) {
                        CACHE.putAll(BUILDING); // complete now: publish together
                    }
                    BUILDING.clear(); // on failure, drop the partial mappings
                }
            }
            return t;
        }
    }

    /** The mapping of a field or record component, honouring {@link GobUnsigned} and {@link GobArray}. */
    static JType ofMember(Type type, AnnotatedElement element) {
        GobArray array = element.getAnnotation(GobArray.class);
        if (array != null) {
            if (element.isAnnotationPresent(GobUnsigned.class)) {
                throw new IllegalArgumentException("@GobUnsigned and @GobArray cannot be combined (" + element + ")");
            }
            int[] dims = array.value();
            if (dims.length == 0) {
                throw new IllegalArgumentException("@GobArray needs a length (" + describe(element) + ")");
            }
            return arrayLevels(type, dims, 0, describe(element));
        }
        if (element.isAnnotationPresent(GobUnsigned.class)) {
            if (type == long.class) {
                return UNSIGNED_LONG;
            }
            if (type == Long.class) {
                return UNSIGNED_BOXED;
            }
            throw new IllegalArgumentException("@GobUnsigned applies to long or Long, not " + type.getTypeName()
                    + " (" + element + ")");
        }
        return of(type);
    }

    /**
     * The mapping of {@code type} whose nesting levels, from {@code level} on and outermost first,
     * are the Go arrays (a length) or slices ({@link GobArray#SLICE}) that {@code dims} says.
     */
    private static JType arrayLevels(Type type, int[] dims, int level, String where) {
        int len = dims[level];
        if (len < GobArray.MAP) {
            throw new IllegalArgumentException("@GobArray lengths must be >= 0, GobArray.SLICE or GobArray.MAP, not "
                    + len + " (" + where + ")");
        }
        if (len == GobArray.MAP) {
            if (!Map.class.isAssignableFrom(rawClass(type))) {
                throw new IllegalArgumentException("@GobArray level " + (level + 1) + " is GobArray.MAP, but "
                        + type.getTypeName() + " is no Map (" + where + ")");
            }
            if (level == dims.length - 1) {
                throw new IllegalArgumentException("@GobArray level " + (level + 1) + " is GobArray.MAP, but no level"
                        + " follows for the map's values (" + where + ")");
            }
            return new JMap(type, of(typeArg(type, 0)), arrayLevels(typeArg(type, 1), dims, level + 1, where));
        }
        JType base;
        if (level == dims.length - 1) {
            base = of(type);
        } else {
            Type elem = elementType(type);
            if (elem == null) {
                throw new IllegalArgumentException("@GobArray gives " + dims.length + " levels, but "
                        + type.getTypeName() + " has no element to give level " + (level + 2) + " to (" + where + ")");
            }
            base = new JSlice(type, arrayLevels(elem, dims, level + 1, where),
                    rawClass(type).isArray() ? JSlice.Container.ARRAY : JSlice.Container.LIST);
        }
        return len == GobArray.SLICE ? base : JArray.of(base, len, where);
    }

    /** The element type of a Java array or {@code List} type; null for any other type. */
    private static Type elementType(Type type) {
        if (type instanceof GenericArrayType g) {
            return g.getGenericComponentType();
        }
        Class<?> raw = rawClass(type);
        if (raw.isArray()) {
            return raw.getComponentType();
        }
        return List.class.isAssignableFrom(raw) || raw == Collection.class ? typeArg(type, 0) : null;
    }

    /** "field hash of Block", for messages about a field or record component. */
    private static String describe(AnnotatedElement element) {
        if (element instanceof Field f) {
            return "field " + f.getName() + " of " + f.getDeclaringClass().getSimpleName();
        }
        if (element instanceof RecordComponent c) {
            return "field " + c.getName() + " of " + c.getDeclaringRecord().getSimpleName();
        }
        return element.toString();
    }

    /**
     * The mapping for a runtime value whose declared type says nothing (the top level, a dynamic
     * struct's entries): a {@code Map} with string keys is sent as a struct, a {@code List} as a
     * slice of its elements' type, anything else by its class.
     */
    public static JType ofValue(Object v) {
        if (v instanceof GoArray a) {
            return JArray.of(ofValue(a.elements()), a.length(), "GoArray");
        }
        if (v instanceof Map<?, ?> m) {
            return DynamicStruct.shapeOf(m);
        }
        if (v instanceof Enum<?> e) {
            return of(e.getDeclaringClass()); // a constant with a body has a class of its own
        }
        if (v instanceof List<?> list) {
            JType elem = null;
            for (Object e : list) {
                if (e == null) {
                    throw new CodecException("gob: cannot encode a null element of a dynamic list (Go slices hold no nils)");
                }
                JType t = ofValue(e);
                if (elem == null) {
                    elem = t;
                } else if (!elem.equals(t)) {
                    throw new CodecException("gob: a dynamic list mixes " + elem + " and " + t
                            + "; use a typed field or a List<Object> of registered types");
                }
            }
            return new JSlice(List.class, elem == null ? OBJECT : elem, JSlice.Container.LIST);
        }
        return of(v.getClass());
    }

    /** A {@code List<elem>} type, for registrations of Go's basic slice types. */
    static Type listOf(Class<?> elem) {
        return new ListType(elem);
    }

    private static JType create(Type type) {
        if (type instanceof WildcardType w) {
            return of(w.getUpperBounds()[0]);
        }
        if (type instanceof GenericArrayType g) {
            return new JSlice(type, of(g.getGenericComponentType()), JSlice.Container.ARRAY);
        }
        Class<?> raw = rawClass(type);
        if (raw == GoArray.class) {
            throw new IllegalArgumentException("gob: GoArray is for arguments and replies; a field that is a Go"
                    + " array is a Java array or List annotated with @GobArray(N)");
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return new Scalars.Bool(type);
        }
        if (raw == byte.class || raw == Byte.class) {
            return new Scalars.Int(type, 8, false);
        }
        if (raw == short.class || raw == Short.class) {
            return new Scalars.Int(type, 16, false);
        }
        if (raw == int.class || raw == Integer.class) {
            return new Scalars.Int(type, 32, false);
        }
        if (raw == long.class || raw == Long.class) {
            return new Scalars.Int(type, 64, false);
        }
        if (raw == float.class || raw == Float.class) {
            return new Scalars.Float(type, true);
        }
        if (raw == double.class || raw == Double.class) {
            return new Scalars.Float(type, false);
        }
        if (raw == String.class) {
            return new Scalars.Str(type);
        }
        if (raw == byte[].class) {
            return new Scalars.Bytes(type);
        }
        if (raw == Instant.class) {
            return new Scalars.Time(type);
        }
        if (raw == GoComplex.class) {
            return new Scalars.Complex(type);
        }
        if (raw == BigInteger.class) {
            return BIG_UNSIGNED;
        }
        if (raw.isArray()) {
            return new JSlice(type, of(raw.getComponentType()), JSlice.Container.ARRAY);
        }
        if (List.class.isAssignableFrom(raw) || raw == Collection.class) {
            return new JSlice(type, of(typeArg(type, 0)), JSlice.Container.LIST);
        }
        if (Map.class.isAssignableFrom(raw)) {
            return new JMap(type, of(typeArg(type, 0)), of(typeArg(type, 1)));
        }
        if (raw == Object.class) {
            return OBJECT;
        }
        if (raw.isEnum()) {
            return new JEnum(raw);
        }
        if (raw.isPrimitive() || raw == Character.class || raw.getName().startsWith("java.")) {
            throw new IllegalArgumentException("gob: Java type " + type.getTypeName() + " has no gob mapping"
                    + " (use boolean, integers, double, String, enums, byte[], Instant, List, arrays, Map, records or classes)");
        }
        if (raw.isInterface() || Modifier.isAbstract(raw.getModifiers())) {
            return new JInterface(raw);
        }
        JStruct s = new JStruct(raw);
        BUILDING.put(type, s); // visible to its own fields (this thread only) before they are analysed
        s.init();
        return s;
    }

    static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        throw new IllegalArgumentException("gob: unsupported Java type " + type.getTypeName()
                + " (type variables must be resolved: pass a concrete ParameterizedType)");
    }

    private static Type typeArg(Type type, int i) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
    }

    /** A minimal {@code List<E>} parameterized type. */
    private record ListType(Class<?> elem) implements ParameterizedType {
        @Override
        public Type[] getActualTypeArguments() {
            return new Type[] {elem};
        }

        @Override
        public Type getRawType() {
            return List.class;
        }

        @Override
        public Type getOwnerType() {
            return null;
        }

        @Override
        public String getTypeName() {
            return "java.util.List<" + elem.getName() + ">";
        }
    }

    /** Equality helper for structural types. */
    static boolean same(Object a, Object b) {
        return Objects.equals(a, b);
    }
}
