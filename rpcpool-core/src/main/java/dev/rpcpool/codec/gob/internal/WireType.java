package dev.rpcpool.codec.gob.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * One gob type definition, as Go's {@code wireType} describes it: an array, slice, struct or map
 * type, or an opaque type marshalled by itself ({@code GobEncoder}, {@code BinaryMarshaler},
 * {@code TextMarshaler}). Also encodes and decodes the definition itself, which gob sends as a
 * {@code wireType} struct value. Immutable.
 */
public final class WireType {
    /** Predefined type ids (see {@code encoding/gob/type.go}). */
    public static final int BOOL = 1;
    public static final int INT = 2;
    public static final int UINT = 3;
    public static final int FLOAT = 4;
    public static final int BYTES = 5;
    public static final int STRING = 6;
    public static final int COMPLEX = 7;
    public static final int INTERFACE = 8;
    /** Ids below this are Go's own; a peer defines types from here on. */
    public static final int FIRST_USER_ID = 65;

    /** What kind of type this is; the ordinal + 1 is the {@code wireType} field number. */
    public enum Kind { ARRAY, SLICE, STRUCT, MAP, GOB_ENCODER, BINARY_MARSHALER, TEXT_MARSHALER }

    public final Kind kind;
    public final String name;
    public final int elem;
    public final int key;
    public final int len;
    public final List<String> fieldNames;
    public final int[] fieldIds;

    private WireType(Kind kind, String name, int elem, int key, int len, List<String> fieldNames, int[] fieldIds) {
        this.kind = kind;
        this.name = name;
        this.elem = elem;
        this.key = key;
        this.len = len;
        this.fieldNames = fieldNames;
        this.fieldIds = fieldIds;
    }

    public static WireType slice(String name, int elem) {
        return new WireType(Kind.SLICE, name, elem, 0, 0, List.of(), new int[0]);
    }

    public static WireType array(String name, int elem, int len) {
        return new WireType(Kind.ARRAY, name, elem, 0, len, List.of(), new int[0]);
    }

    public static WireType map(String name, int key, int elem) {
        return new WireType(Kind.MAP, name, elem, key, 0, List.of(), new int[0]);
    }

    public static WireType struct(String name, List<String> fieldNames, int[] fieldIds) {
        return new WireType(Kind.STRUCT, name, 0, 0, 0, List.copyOf(fieldNames), fieldIds.clone());
    }

    public static WireType opaque(Kind kind, String name) {
        return new WireType(kind, name, 0, 0, 0, List.of(), new int[0]);
    }

    public boolean isOpaque() {
        return kind.ordinal() >= Kind.GOB_ENCODER.ordinal();
    }

    /** Writes this definition as the {@code wireType} struct value (zero fields omitted, as Go does). */
    public void encode(GobOutput out, int id) {
        out.writeUint(kind.ordinal() + 1);
        out.writeUint(1); // CommonType, always sent: struct-valued fields are never omitted
        if (!name.isEmpty()) {
            out.writeUint(1);
            out.writeString(name);
            out.writeUint(1);
        } else {
            out.writeUint(2);
        }
        out.writeInt(id);
        out.writeUint(0);
        switch (kind) {
            case ARRAY -> {
                out.writeUint(1);
                out.writeInt(elem);
                if (len != 0) {
                    out.writeUint(1);
                    out.writeInt(len);
                }
            }
            case SLICE -> {
                out.writeUint(1);
                out.writeInt(elem);
            }
            case MAP -> {
                out.writeUint(1);
                out.writeInt(key);
                out.writeUint(1);
                out.writeInt(elem);
            }
            case STRUCT -> {
                if (fieldIds.length > 0) {
                    out.writeUint(1);
                    out.writeUint(fieldIds.length);
                    for (int i = 0; i < fieldIds.length; i++) {
                        out.writeUint(1);
                        out.writeString(fieldNames.get(i));
                        out.writeUint(1);
                        out.writeInt(fieldIds[i]);
                        out.writeUint(0);
                    }
                }
            }
            default -> { }
        }
        out.writeUint(0); // end of the inner type struct
        out.writeUint(0); // end of wireType
    }

    /** Reads a {@code wireType} struct value; every malformed part fails with a message naming it. */
    public static WireType decode(GobInput in) {
        long delta = in.readUint();
        if (delta < 1 || delta > Kind.values().length) {
            throw in.error("type definition has no or an unknown wireType field " + Long.toUnsignedString(delta));
        }
        Kind kind = Kind.values()[(int) delta - 1];
        String name = "";
        int elem = 0;
        int key = 0;
        long len = 0;
        List<String> names = new ArrayList<>();
        List<Integer> ids = new ArrayList<>();
        int field = -1;
        while ((delta = in.readUint()) != 0) {
            field = nextField(in, field, delta, 3, kind + " type");
            switch (field) {
                case 0 -> { // CommonType
                    int f = -1;
                    long d;
                    while ((d = in.readUint()) != 0) {
                        f = nextField(in, f, d, 1, "CommonType");
                        if (f == 0) {
                            name = in.readString();
                        } else {
                            in.readInt(); // the sender's own id for the type; we index by the message's id
                        }
                    }
                }
                case 1 -> {
                    switch (kind) {
                        case ARRAY, SLICE -> elem = typeIdValue(in);
                        case MAP -> key = typeIdValue(in);
                        case STRUCT -> readFields(in, names, ids);
                        default -> throw in.error(kind + " type has an unexpected field 2");
                    }
                }
                case 2 -> {
                    switch (kind) {
                        case ARRAY -> {
                            len = in.readInt();
                            if (len < 0 || len > Integer.MAX_VALUE) {
                                throw in.error("array type has invalid length " + len);
                            }
                        }
                        case MAP -> elem = typeIdValue(in);
                        default -> throw in.error(kind + " type has an unexpected field 3");
                    }
                }
                default -> throw in.error(kind + " type has an unexpected field " + (field + 1));
            }
        }
        if (in.readUint() != 0) {
            throw in.error("wireType defines more than one type");
        }
        if ((kind == Kind.ARRAY || kind == Kind.SLICE || kind == Kind.MAP) && elem <= 0
                || kind == Kind.MAP && key <= 0) {
            throw in.error(kind + " type " + name + " lacks its element or key type");
        }
        int[] fieldIds = ids.stream().mapToInt(Integer::intValue).toArray();
        return new WireType(kind, name, elem, key, (int) len, List.copyOf(names), fieldIds);
    }

    private static void readFields(GobInput in, List<String> names, List<Integer> ids) {
        int n = in.readCount("struct field");
        for (int i = 0; i < n; i++) {
            String fieldName = "";
            int fieldId = 0;
            int f = -1;
            long d;
            while ((d = in.readUint()) != 0) {
                f = nextField(in, f, d, 1, "fieldType");
                if (f == 0) {
                    fieldName = in.readString();
                } else {
                    fieldId = typeIdValue(in);
                }
            }
            if (fieldId <= 0) {
                throw in.error("struct field " + fieldName + " has no type id");
            }
            names.add(fieldName);
            ids.add(fieldId);
        }
    }

    private static int typeIdValue(GobInput in) {
        long id = in.readInt();
        if (id <= 0 || id > Integer.MAX_VALUE) {
            throw in.error("invalid type id " + id);
        }
        return (int) id;
    }

    private static int nextField(GobInput in, int field, long delta, int maxField, String what) {
        if (delta < 0 || delta > maxField - field) {
            throw in.error(what + " has field delta " + Long.toUnsignedString(delta) + " beyond its last field");
        }
        return field + (int) delta;
    }

    @Override
    public String toString() {
        return kind + (name.isEmpty() ? "" : " " + name);
    }
}
