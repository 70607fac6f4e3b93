package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.ResponseHeader;

/**
 * Go's {@code rpc.Response} header read straight into a {@link ResponseHeader}: the client reads
 * one per call, and the generic record decoder would build an argument array, box the sequence
 * number and make an intermediate record first. Accepts exactly what decoding into
 * {@link RpcHeaders.Response} accepts, with the same errors: fields are matched by name in any
 * order, unknown fields are skipped, absent ones are zero. Decode only; responses are written
 * through {@link RpcHeaders#RESPONSE}.
 *
 * <p>Thread-safety: stateless, so thread-safe; each decoder it builds belongs to one connection.
 */
final class ResponseHeaderType extends JType {
    static final ResponseHeaderType INSTANCE = new ResponseHeaderType();

    private static final byte SKIP = 0;
    private static final byte SERVICE_METHOD = 1;
    private static final byte SEQ = 2;
    private static final byte ERROR = 3;
    private static final JType STRING = JavaTypes.of(String.class);
    private static final Scalars.Int SEQ_TYPE = (Scalars.Int) JavaTypes.UNSIGNED_LONG;

    private ResponseHeaderType() {
        super(ResponseHeader.class);
    }

    @Override
    public int wireId(StreamEncoder enc) {
        throw new UnsupportedOperationException("decode only: responses are written as RpcHeaders.RESPONSE");
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object value) {
        throw new UnsupportedOperationException("decode only: responses are written as RpcHeaders.RESPONSE");
    }

    @Override
    public boolean isStruct() {
        return true;
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        WireType w = dec.definedOrNull(wireId);
        if (w == null || w.kind != WireType.Kind.STRUCT) {
            throw mismatch(dec, wireId);
        }
        int n = w.fieldIds.length;
        byte[] roles = new byte[n];
        Dec[] skips = new Dec[n];
        boolean seqUnsigned = true;
        int matched = 0;
        for (int f = 0; f < n; f++) {
            int fieldId = w.fieldIds[f];
            switch (w.fieldNames.get(f)) {
                case "ServiceMethod" -> {
                    checkField(dec, "serviceMethod", STRING, fieldId);
                    roles[f] = SERVICE_METHOD;
                }
                case "Seq" -> {
                    checkField(dec, "seq", SEQ_TYPE, fieldId);
                    roles[f] = SEQ;
                    seqUnsigned = fieldId == WireType.UINT;
                }
                case "Error" -> {
                    checkField(dec, "error", STRING, fieldId);
                    roles[f] = ERROR;
                }
                default -> skips[f] = dec.skipper(fieldId);
            }
            if (roles[f] != SKIP) {
                matched++;
            }
        }
        if (matched == 0 && n > 0) {
            throw new CodecException("gob: type mismatch: no fields of Go struct " + dec.describe(wireId) + " "
                    + w.fieldNames + " match Java " + ResponseHeader.class.getName() + " [serviceMethod, seq, error]");
        }
        boolean wireUnsigned = seqUnsigned;
        String goStruct = dec.describe(wireId);
        return in -> {
            in.enter();
            String serviceMethod = "";
            long seq = 0;
            String error = "";
            int field = -1;
            while ((field = JStruct.nextField(in, field, n, goStruct)) >= 0) {
                try {
                    switch (roles[field]) {
                        case SERVICE_METHOD -> serviceMethod = in.readString();
                        case SEQ -> seq = SEQ_TYPE.read(in, wireUnsigned);
                        case ERROR -> error = in.readString();
                        default -> skips[field].decode(in);
                    }
                } catch (CodecException e) {
                    throw new CodecException("gob: field Response." + fieldName(roles[field], w.fieldNames.get(field))
                            + ": " + JStruct.strip(e.getMessage()), e);
                }
            }
            in.leave();
            return new ResponseHeader(serviceMethod, seq, error);
        };
    }

    /** Fails, as the generic decoder would, when a known field has a wire type it cannot hold. */
    private static void checkField(StreamDecoder dec, String javaName, JType type, int fieldId) {
        try {
            type.decoder(dec, fieldId);
        } catch (CodecException e) {
            throw new CodecException("gob: field Response." + javaName + ": " + JStruct.strip(e.getMessage()), e);
        }
    }

    private static String fieldName(byte role, String wireName) {
        return switch (role) {
            case SERVICE_METHOD -> "serviceMethod";
            case SEQ -> "seq";
            case ERROR -> "error";
            default -> wireName + " (skipped)";
        };
    }
}
