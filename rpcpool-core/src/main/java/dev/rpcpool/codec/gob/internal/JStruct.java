package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GobName;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A record or plain class ↔ a Go struct. Fields are matched by name (the Java name with its first
 * letter capitalised, or {@link GobName}); fields the peer does not have are skipped both ways;
 * zero fields are omitted on the wire and decode to Go's zero in Java form (0, false, "", else
 * null). Plain classes need a no-argument constructor to be decoded.
 *
 * <p>Thread-safety: immutable after {@link #init()}, which {@link JavaTypes} runs under its lock.
 */
final class JStruct extends JType {
    /**
     * Stands for the zero value of whatever struct type it is sent as (no Java instance needed):
     * a Java service's {@code null} reply, sent as Go sends a reply it never set.
     */
    static final Object ZERO = new Object() {
        @Override
        public String toString() {
            return "<zero struct>";
        }
    };

    private final Class<?> cls;
    private final boolean record;
    private Member[] members;
    private Map<String, Integer> byWireName;
    private String goName;
    /** Records: the canonical constructor as (Object[])Object. Classes: ()Object. Null if none. */
    private MethodHandle ctor;
    /** Class fields whose freshly constructed value is not Go's zero, reset before each decode. */
    private Member[] resetBeforeDecode;

    JStruct(Class<?> cls) {
        super(cls);
        this.cls = cls;
        this.record = cls.isRecord();
    }

    void init() {
        List<Member> list = new ArrayList<>();
        MethodHandles.Lookup lookup = MethodHandles.lookup();
        try {
            if (record) {
                RecordComponent[] comps = cls.getRecordComponents();
                Class<?>[] types = new Class<?>[comps.length];
                for (int i = 0; i < comps.length; i++) {
                    list.add(Member.ofComponent(comps[i]));
                    types[i] = comps[i].getType();
                }
                Constructor<?> c = cls.getDeclaredConstructor(types);
                c.setAccessible(true);
                ctor = lookup.unreflectConstructor(c).asSpreader(Object[].class, comps.length)
                        .asType(MethodType.methodType(Object.class, Object[].class));
            } else {
                List<Class<?>> chain = new ArrayList<>();
                for (Class<?> k = cls; k != null && k != Object.class; k = k.getSuperclass()) {
                    chain.add(0, k);
                }
                for (Class<?> k : chain) {
                    for (Field f : k.getDeclaredFields()) {
                        int mod = f.getModifiers();
                        if (!Modifier.isStatic(mod) && !Modifier.isTransient(mod) && !f.isSynthetic()) {
                            list.add(Member.ofField(f));
                        }
                    }
                }
                try {
                    Constructor<?> c = cls.getDeclaredConstructor();
                    c.setAccessible(true);
                    ctor = lookup.unreflectConstructor(c).asType(MethodType.methodType(Object.class));
                } catch (NoSuchMethodException e) {
                    ctor = null; // encodable, not decodable
                }
            }
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalArgumentException("gob: cannot map Java " + cls.getName() + " to a Go struct: " + e, e);
        }
        members = list.toArray(new Member[0]);
        byWireName = new HashMap<>();
        for (int i = 0; i < members.length; i++) {
            if (byWireName.put(members[i].wireName, i) != null) {
                throw new IllegalArgumentException("gob: " + cls.getName() + " has two fields named "
                        + members[i].wireName + " on the wire");
            }
        }
        GobName n = cls.getAnnotation(GobName.class);
        goName = n != null ? n.value() : cls.getSimpleName();
        resetBeforeDecode = record || ctor == null ? new Member[0] : nonZeroDefaults();
    }

    private Member[] nonZeroDefaults() {
        Object fresh;
        try {
            fresh = (Object) ctor.invokeExact();
        } catch (Throwable t) {
            return members.clone(); // cannot tell: reset all
        }
        List<Member> out = new ArrayList<>();
        for (Member m : members) {
            Object v = m.get(fresh);
            if (!java.util.Objects.equals(v, m.zero)) {
                out.add(m);
            }
        }
        return out.toArray(new Member[0]);
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
        List<String> names = new ArrayList<>(members.length);
        int[] ids = new int[members.length];
        for (int i = 0; i < members.length; i++) {
            names.add(members[i].wireName);
            ids[i] = members[i].jtype.wireId(enc);
        }
        return WireType.struct(goName, names, ids);
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object v) {
        if (v == ZERO) {
            out.writeUint(0); // every field omitted: Go reads its zero value
            return;
        }
        int last = -1;
        for (int i = 0; i < members.length; i++) {
            Member m = members[i];
            switch (m.prim) {
                case LONG -> {
                    long x = m.getLong(v);
                    if (x != 0) {
                        out.writeUint(i - last);
                        last = i;
                        if (m.jtype == JavaTypes.UNSIGNED_LONG) {
                            out.writeUint(x);
                        } else {
                            out.writeInt(x);
                        }
                    }
                }
                case DOUBLE -> {
                    double x = m.getDouble(v);
                    if (x != 0) { // -0.0 is omitted too, as in Go
                        out.writeUint(i - last);
                        last = i;
                        out.writeFloat(x);
                    }
                }
                case BOOL -> {
                    if (m.getBool(v)) {
                        out.writeUint(i - last);
                        last = i;
                        out.writeUint(1);
                    }
                }
                default -> {
                    Object x = m.get(v);
                    if (!m.jtype.isZero(x)) {
                        out.writeUint(i - last);
                        last = i;
                        try {
                            m.jtype.encode(enc, out, x);
                        } catch (CodecException e) {
                            throw new CodecException("gob: field " + cls.getSimpleName() + "." + m.javaName + ": "
                                    + strip(e.getMessage()), e);
                        } catch (ClassCastException e) {
                            throw new CodecException("gob: field " + cls.getSimpleName() + "." + m.javaName
                                    + " holds a value that does not fit " + m.type.getTypeName() + ": " + e.getMessage(), e);
                        }
                    }
                }
            }
        }
        out.writeUint(0);
    }

    static String strip(String message) {
        return message.startsWith("gob: ") ? message.substring(5) : message;
    }

    /**
     * Reads the next field delta of a struct value: the index of the field that follows
     * {@code field}, or -1 at the struct's end.
     *
     * @throws CodecException if the delta points past the last of the {@code fieldCount} fields
     */
    static int nextField(GobInput in, int field, int fieldCount, String goStruct) {
        long delta = in.readUint();
        if (delta == 0) {
            return -1;
        }
        if (delta < 0 || delta > fieldCount - 1 - field) {
            throw in.error("field delta " + Long.toUnsignedString(delta) + " goes past the last field of Go " + goStruct);
        }
        return field + (int) delta;
    }

    /** Applies one decoded wire field to the object (or record argument array) being built. */
    @FunctionalInterface
    private interface FieldOp {
        void apply(GobInput in, Object target);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        WireType w = dec.definedOrNull(wireId);
        if (w == null || w.kind != WireType.Kind.STRUCT) {
            throw mismatch(dec, wireId);
        }
        if (ctor == null) {
            throw new CodecException("gob: cannot decode into " + cls.getName()
                    + ": it needs a no-argument constructor (or make it a record)");
        }
        int n = w.fieldIds.length;
        FieldOp[] ops = new FieldOp[n];
        String[] names = new String[n];
        int matched = 0;
        for (int f = 0; f < n; f++) {
            String name = w.fieldNames.get(f);
            int fieldId = w.fieldIds[f];
            Integer idx = byWireName.get(name);
            if (idx == null) {
                Dec skip = dec.skipper(fieldId);
                ops[f] = (in, target) -> skip.decode(in);
                names[f] = name + " (skipped)";
                continue;
            }
            matched++;
            Member m = members[idx];
            names[f] = m.javaName;
            try {
                ops[f] = fieldOp(dec, m, idx, fieldId);
            } catch (CodecException e) {
                throw new CodecException("gob: field " + cls.getSimpleName() + "." + m.javaName + ": "
                        + strip(e.getMessage()), e);
            }
        }
        if (matched == 0 && n > 0 && members.length > 0) {
            throw new CodecException("gob: type mismatch: no fields of Go struct " + dec.describe(wireId)
                    + " " + w.fieldNames + " match Java " + cls.getName() + " " + java.util.Arrays.toString(members));
        }
        Object[] zeros = new Object[members.length];
        for (int i = 0; i < members.length; i++) {
            zeros[i] = members[i].zero;
        }
        String goStruct = dec.describe(wireId);
        return in -> {
            in.enter();
            Object target = record ? zeros.clone() : newInstance();
            for (Member m : resetBeforeDecode) {
                m.set(target, m.zero);
            }
            int field = -1;
            while ((field = nextField(in, field, n, goStruct)) >= 0) {
                try {
                    ops[field].apply(in, target);
                } catch (CodecException e) {
                    throw new CodecException("gob: field " + cls.getSimpleName() + "." + names[field] + ": "
                            + strip(e.getMessage()), e);
                }
            }
            in.leave();
            return record ? construct((Object[]) target) : target;
        };
    }

    private FieldOp fieldOp(StreamDecoder dec, Member m, int idx, int fieldId) {
        if (record) {
            Dec d = dec.decoderFor(fieldId, m.jtype);
            return (in, args) -> ((Object[]) args)[idx] = d.decode(in);
        }
        if (m.prim == Member.Prim.LONG && (fieldId == WireType.INT || fieldId == WireType.UINT)) {
            Scalars.Int t = (Scalars.Int) m.jtype;
            boolean wireUnsigned = fieldId == WireType.UINT;
            return (in, obj) -> m.setLong(obj, t.read(in, wireUnsigned));
        }
        if (m.prim == Member.Prim.DOUBLE && fieldId == WireType.FLOAT) {
            boolean single = m.raw == float.class;
            return (in, obj) -> m.setDouble(obj, single ? Scalars.Float.read32(in) : in.readFloat());
        }
        if (m.prim == Member.Prim.BOOL && fieldId == WireType.BOOL) {
            return (in, obj) -> m.setBool(obj, in.readBool());
        }
        Dec d = dec.decoderFor(fieldId, m.jtype);
        return (in, obj) -> m.set(obj, d.decode(in));
    }

    private Object newInstance() {
        try {
            return (Object) ctor.invokeExact();
        } catch (Throwable t) {
            throw new CodecException("gob: constructing " + cls.getName() + " failed: " + t, t);
        }
    }

    private Object construct(Object[] args) {
        try {
            return (Object) ctor.invokeExact(args);
        } catch (Throwable t) {
            throw new CodecException("gob: constructing record " + cls.getName() + " failed: " + t, t);
        }
    }
}
