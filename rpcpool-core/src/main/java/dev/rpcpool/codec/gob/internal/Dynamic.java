package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decoding without a Java target, from the self-describing wire types alone: structs become
 * {@code LinkedHashMap<String,Object>} (every field of the Go type, zero where omitted), slices
 * and arrays {@code ArrayList}, maps {@code LinkedHashMap}, integers {@code Long} (an unsigned
 * value above {@code Long.MAX_VALUE} a {@code BigInteger}), floats {@code Double}, {@code time.Time}
 * an {@code Instant}, complex numbers {@code GoComplex}, other marshalled types their bytes, interface values their concrete value
 * (as a registered Java type if its Go name is registered, else dynamically).
 *
 * <p>Thread-safety: stateless singleton.
 */
final class Dynamic extends DecodeOnlyType {
    static final Dynamic INSTANCE = new Dynamic();

    private Dynamic() {
        super(Object.class);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        switch (wireId) {
            case WireType.BOOL:
                return GobInput::readBool;
            case WireType.INT:
                return GobInput::readInt;
            case WireType.UINT:
                return in -> {
                    long v = in.readUint();
                    return v >= 0 ? (Object) v : BigUnsigned.toBig(v);
                };
            case WireType.FLOAT:
                return GobInput::readFloat;
            case WireType.BYTES:
                return GobInput::readBytes;
            case WireType.STRING:
                return GobInput::readString;
            case WireType.INTERFACE:
                return dec.decoderFor(wireId, JInterface.DYNAMIC);
            case WireType.COMPLEX:
                return Scalars.Complex::read;
            default:
                break;
        }
        WireType w = dec.definedOrNull(wireId);
        if (w == null) {
            throw new CodecException("gob: unsupported type id " + wireId);
        }
        switch (w.kind) {
            case STRUCT:
                return struct(dec, w);
            case SLICE:
            case ARRAY: {
                return JSlice.listDecoder(dec.decoderFor(w.elem, this));
            }
            case MAP: {
                Dec k = dec.decoderFor(w.key, this);
                Dec e = dec.decoderFor(w.elem, this);
                return in -> {
                    in.enter();
                    int n = in.readCount("map entry");
                    Map<Object, Object> m = new LinkedHashMap<>();
                    for (int i = 0; i < n; i++) {
                        Object key = k.decode(in);
                        m.put(key, e.decode(in));
                    }
                    in.leave();
                    return m;
                };
            }
            default: {
                boolean time = w.name.equals("Time");
                return in -> {
                    byte[] b = in.readBytes();
                    return time && (b.length == 15 || b.length == 16) ? GoTime.unmarshal(in, b) : b;
                };
            }
        }
    }

    private Dec struct(StreamDecoder dec, WireType w) {
        int n = w.fieldIds.length;
        Dec[] fields = new Dec[n];
        Object[] zeros = new Object[n];
        for (int i = 0; i < n; i++) {
            fields[i] = dec.decoderFor(w.fieldIds[i], this);
            zeros[i] = switch (w.fieldIds[i]) {
                case WireType.BOOL -> false;
                case WireType.INT, WireType.UINT -> 0L;
                case WireType.FLOAT -> 0.0;
                case WireType.STRING -> "";
                default -> null;
            };
        }
        List<String> names = w.fieldNames;
        return in -> {
            in.enter();
            Object[] values = zeros.clone();
            int field = -1;
            long delta;
            while ((delta = in.readUint()) != 0) {
                if (delta < 0 || delta > n - 1 - field) {
                    throw in.error("field delta " + Long.toUnsignedString(delta) + " goes past the last field of Go struct "
                            + w.name);
                }
                field += (int) delta;
                values[field] = fields[field].decode(in);
            }
            Map<String, Object> m = new LinkedHashMap<>(n * 4 / 3 + 1);
            for (int i = 0; i < n; i++) {
                m.put(names.get(i), values[i]);
            }
            in.leave();
            return m;
        };
    }
}
