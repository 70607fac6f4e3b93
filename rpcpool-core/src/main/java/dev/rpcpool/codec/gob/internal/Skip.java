package dev.rpcpool.codec.gob.internal;

/**
 * Reads and discards a value of any wire type: the fields a Java type lacks, and bodies nobody
 * waits for. Interface values are skipped by their byte count, even when their Go name is not
 * registered. Thread-safety: stateless singleton.
 */
final class Skip extends DecodeOnlyType {
    static final Skip INSTANCE = new Skip();

    private Skip() {
        super(Void.class);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        switch (wireId) {
            case WireType.BOOL, WireType.INT, WireType.UINT, WireType.FLOAT:
                return in -> {
                    in.readUint();
                    return null;
                };
            case WireType.COMPLEX:
                return in -> {
                    in.readUint();
                    in.readUint();
                    return null;
                };
            case WireType.BYTES, WireType.STRING:
                return in -> {
                    in.skip(in.readCount("byte"));
                    return null;
                };
            case WireType.INTERFACE:
                return in -> {
                    int n = in.readCount("interface type name");
                    if (n > 0) {
                        in.skip(n);
                        dec.readInterfaceTypeId(in);
                        in.skip(in.readCount("interface value byte"));
                    }
                    return null;
                };
            default:
                break;
        }
        WireType w = dec.definedOrNull(wireId);
        if (w == null) {
            throw new dev.rpcpool.codec.CodecException("gob: unsupported type id " + wireId);
        }
        switch (w.kind) {
            case STRUCT: {
                int n = w.fieldIds.length;
                Dec[] fields = new Dec[n];
                for (int i = 0; i < n; i++) {
                    fields[i] = dec.decoderFor(w.fieldIds[i], this);
                }
                return in -> {
                    in.enter();
                    int field = -1;
                    long delta;
                    while ((delta = in.readUint()) != 0) {
                        if (delta < 0 || delta > n - 1 - field) {
                            throw in.error("field delta " + Long.toUnsignedString(delta) + " goes past the last field");
                        }
                        field += (int) delta;
                        fields[field].decode(in);
                    }
                    in.leave();
                    return null;
                };
            }
            case SLICE, ARRAY: {
                Dec e = dec.decoderFor(w.elem, this);
                return in -> {
                    in.enter();
                    int n = in.readCount("slice element");
                    for (int i = 0; i < n; i++) {
                        e.decode(in);
                    }
                    in.leave();
                    return null;
                };
            }
            case MAP: {
                Dec k = dec.decoderFor(w.key, this);
                Dec e = dec.decoderFor(w.elem, this);
                return in -> {
                    in.enter();
                    int n = in.readCount("map entry");
                    for (int i = 0; i < n; i++) {
                        k.decode(in);
                        e.decode(in);
                    }
                    in.leave();
                    return null;
                };
            }
            default:
                return in -> {
                    in.skip(in.readCount("byte"));
                    return null;
                };
        }
    }
}
