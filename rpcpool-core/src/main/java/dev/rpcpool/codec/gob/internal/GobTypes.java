package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GoComplex;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The names under which concrete types travel inside interface values (Go's
 * {@code gob.Register}): the ones a user registered, plus Go's predefined basic types. Immutable
 * and thread-safe.
 */
public final class GobTypes {
    private final Map<String, Type> byName;
    private final Map<Class<?>, String> byClass;

    public GobTypes(Map<String, Class<?>> registered) {
        Map<String, Type> names = new HashMap<>();
        Map<Class<?>, String> classes = new HashMap<>();
        // Go registers its basic types and slices of them; decode them to their natural Java boxes.
        for (String n : List.of("int", "int8", "int16", "int32", "int64", "uint", "uint8", "uint16", "uint32",
                "uint64", "uintptr")) {
            names.put(n, Long.class);
            names.put("[]" + n, JavaTypes.listOf(Long.class));
        }
        names.put("[]uint8", byte[].class);
        for (String n : List.of("float32", "float64")) {
            names.put(n, Double.class);
            names.put("[]" + n, JavaTypes.listOf(Double.class));
        }
        names.put("complex64", GoComplex.class);
        names.put("complex128", GoComplex.class);
        names.put("bool", Boolean.class);
        names.put("[]bool", JavaTypes.listOf(Boolean.class));
        names.put("string", String.class);
        names.put("[]string", JavaTypes.listOf(String.class));
        classes.put(Long.class, "int");
        classes.put(Integer.class, "int");
        classes.put(Short.class, "int");
        classes.put(Byte.class, "int");
        classes.put(Double.class, "float64");
        classes.put(Float.class, "float64");
        classes.put(Boolean.class, "bool");
        classes.put(GoComplex.class, "complex128");
        classes.put(String.class, "string");
        classes.put(byte[].class, "[]uint8");
        registered.forEach((name, cls) -> {
            names.put(name, cls);
            classes.put(cls, name);
        });
        this.byName = Map.copyOf(names);
        this.byClass = Map.copyOf(classes);
    }

    /** The Go name to send for a value of {@code cls} inside an interface. */
    public String nameOf(Class<?> cls) {
        String name = byClass.get(cls);
        if (name == null) {
            throw new CodecException("gob: type " + cls.getName() + " is not registered for interface values;"
                    + " register it under its Go name, e.g. GobCodec.builder().register(\"main."
                    + cls.getSimpleName() + "\", " + cls.getSimpleName() + ".class)");
        }
        return name;
    }

    /** True if {@code name} is registered (or one of Go's basic names). */
    public boolean isRegistered(String name) {
        return byName.containsKey(name);
    }

    /** The Java type registered for a Go name received in an interface value. */
    public Type typeOf(String name) {
        Type t = byName.get(name);
        if (t == null) {
            throw new CodecException("gob: interface value holds Go type \"" + name
                    + "\", which is not registered; register a Java class for it with GobCodec.builder().register(\""
                    + name + "\", SomeClass.class)");
        }
        return t;
    }
}
