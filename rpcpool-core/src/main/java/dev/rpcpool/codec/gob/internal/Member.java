package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GoComplex;
import dev.rpcpool.codec.gob.GobName;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;

/**
 * One field of a Java struct type (a class field or record component) with method handles built
 * once: a boxed getter, and for primitives an unboxed getter widened to {@code long},
 * {@code double} or {@code boolean}, so encoding a primitive field never boxes.
 *
 * <p>Immutable and thread-safe.
 */
final class Member {
    /** How the field's value is read without boxing. */
    enum Prim { NONE, LONG, DOUBLE, BOOL }

    final String javaName;
    final String wireName;
    final Type type;
    final Class<?> raw;
    final JType jtype;
    final Prim prim;
    /** (Object)Object */
    final MethodHandle get;
    /** (Object)long, (Object)double or (Object)boolean for primitives, else null */
    final MethodHandle getPrim;
    /** (Object, rawType)void for class fields; null for record components */
    final MethodHandle set;
    /** (Object, Object)void for class fields; null for record components */
    final MethodHandle setRef;
    /** What a field the sender omitted holds: Go's zero value in Java form. */
    final Object zero;

    private Member(String javaName, AnnotatedElement element, Type type, Class<?> raw, MethodHandle getter,
            MethodHandle setter) {
        this.javaName = javaName;
        GobName n = element.getAnnotation(GobName.class);
        this.wireName = n != null ? n.value() : Character.toUpperCase(javaName.charAt(0)) + javaName.substring(1);
        this.type = type;
        this.raw = raw;
        this.jtype = JavaTypes.ofMember(type, element);
        if (raw == long.class || raw == int.class || raw == short.class || raw == byte.class) {
            prim = Prim.LONG;
            getPrim = getter.asType(MethodType.methodType(long.class, Object.class));
        } else if (raw == double.class || raw == float.class) {
            prim = Prim.DOUBLE;
            getPrim = getter.asType(MethodType.methodType(double.class, Object.class));
        } else if (raw == boolean.class) {
            prim = Prim.BOOL;
            getPrim = getter.asType(MethodType.methodType(boolean.class, Object.class));
        } else {
            prim = Prim.NONE;
            getPrim = null;
        }
        this.get = getter.asType(MethodType.methodType(Object.class, Object.class));
        this.set = setter == null ? null : setter.asType(MethodType.methodType(void.class, Object.class, raw));
        this.setRef = setter == null ? null : setter.asType(MethodType.methodType(void.class, Object.class, Object.class));
        this.zero = zeroOf(raw);
    }

    static Member ofField(Field f) {
        try {
            f.setAccessible(true);
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            return new Member(f.getName(), f, f.getGenericType(), f.getType(), lookup.unreflectGetter(f),
                    lookup.unreflectSetter(f));
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("gob: cannot access field " + f + ": " + e.getMessage(), e);
        }
    }

    static Member ofComponent(RecordComponent c) {
        try {
            Method accessor = c.getAccessor();
            accessor.setAccessible(true);
            return new Member(c.getName(), c, c.getGenericType(), c.getType(),
                    MethodHandles.lookup().unreflect(accessor), null);
        } catch (IllegalAccessException | RuntimeException e) {
            throw new IllegalArgumentException("gob: cannot access record component " + c + ": " + e.getMessage(), e);
        }
    }

    Object get(Object owner) {
        try {
            return (Object) get.invokeExact(owner);
        } catch (Throwable t) {
            throw rethrow(t, "reading");
        }
    }

    long getLong(Object owner) {
        try {
            return (long) getPrim.invokeExact(owner);
        } catch (Throwable t) {
            throw rethrow(t, "reading");
        }
    }

    double getDouble(Object owner) {
        try {
            return (double) getPrim.invokeExact(owner);
        } catch (Throwable t) {
            throw rethrow(t, "reading");
        }
    }

    boolean getBool(Object owner) {
        try {
            return (boolean) getPrim.invokeExact(owner);
        } catch (Throwable t) {
            throw rethrow(t, "reading");
        }
    }

    /** Stores a decoded value into a class field; primitives go through their exact setter type. */
    void set(Object owner, Object value) {
        try {
            if (raw == long.class) {
                set.invokeExact(owner, (long) (Long) value);
            } else if (raw == int.class) {
                set.invokeExact(owner, (int) (Integer) value);
            } else if (raw == double.class) {
                set.invokeExact(owner, (double) (Double) value);
            } else if (raw == boolean.class) {
                set.invokeExact(owner, (boolean) (Boolean) value);
            } else if (raw == short.class) {
                set.invokeExact(owner, (short) (Short) value);
            } else if (raw == byte.class) {
                set.invokeExact(owner, (byte) (Byte) value);
            } else if (raw == float.class) {
                set.invokeExact(owner, (float) (Float) value);
            } else {
                setRef.invokeExact(owner, value);
            }
        } catch (Throwable t) {
            throw rethrow(t, "writing");
        }
    }

    void setLong(Object owner, long v) {
        try {
            if (raw == long.class) {
                set.invokeExact(owner, v);
            } else if (raw == int.class) {
                set.invokeExact(owner, (int) v);
            } else if (raw == short.class) {
                set.invokeExact(owner, (short) v);
            } else {
                set.invokeExact(owner, (byte) v);
            }
        } catch (Throwable t) {
            throw rethrow(t, "writing");
        }
    }

    void setDouble(Object owner, double v) {
        try {
            if (raw == double.class) {
                set.invokeExact(owner, v);
            } else {
                set.invokeExact(owner, (float) v);
            }
        } catch (Throwable t) {
            throw rethrow(t, "writing");
        }
    }

    void setBool(Object owner, boolean v) {
        try {
            set.invokeExact(owner, v);
        } catch (Throwable t) {
            throw rethrow(t, "writing");
        }
    }

    /** Go's zero value of a primitive, box, String or GoComplex in Java form; null for every other type. */
    static Object zeroOf(Class<?> raw) {
        if (raw == long.class || raw == Long.class) {
            return 0L;
        } else if (raw == int.class || raw == Integer.class) {
            return 0;
        } else if (raw == short.class || raw == Short.class) {
            return (short) 0;
        } else if (raw == byte.class || raw == Byte.class) {
            return (byte) 0;
        } else if (raw == double.class || raw == Double.class) {
            return 0.0;
        } else if (raw == float.class || raw == Float.class) {
            return 0.0f;
        } else if (raw == boolean.class || raw == Boolean.class) {
            return false;
        } else if (raw == String.class) {
            return "";
        } else if (raw == GoComplex.class) {
            return GoComplex.ZERO;
        }
        return null;
    }

    private RuntimeException rethrow(Throwable t, String what) {
        if (t instanceof RuntimeException r) {
            return r;
        }
        if (t instanceof Error e) {
            throw e;
        }
        return new CodecException("gob: " + what + " field " + javaName + " failed: " + t, t);
    }

    @Override
    public String toString() {
        return javaName;
    }
}
