package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;

/**
 * Go's net/rpc headers, {@code rpc.Request} and {@code rpc.Response}, read straight into and written
 * straight from the codec's {@link RequestHeader} and {@link ResponseHeader}. Every call reads one
 * header and writes one on each side; the generic record codec would go through an intermediate
 * {@link RpcHeaders} record, and when reading also an argument array and a boxed sequence number.
 * Sends the same type definitions and bytes as the generic encoder (zero fields omitted, as Go
 * omits them), and accepts and rejects what the generic decoder does, with the same messages:
 * fields matched by name in any order, unknown ones skipped, absent ones zero.
 *
 * <p>Thread-safety: stateless, so thread-safe; each decoder it builds belongs to one connection.
 */
final class HeaderType extends JType {
    /** {@code rpc.Request}: ServiceMethod, Seq. */
    static final HeaderType REQUEST = new HeaderType(RequestHeader.class, RpcHeaders.REQUEST, "Request", false);
    /** {@code rpc.Response}: ServiceMethod, Seq, Error. */
    static final HeaderType RESPONSE = new HeaderType(ResponseHeader.class, RpcHeaders.RESPONSE, "Response", true);

    private static final byte SKIP = 0;
    private static final byte SERVICE_METHOD = 1;
    private static final byte SEQ = 2;
    private static final byte ERROR = 3;
    private static final JType STRING = JavaTypes.of(String.class);
    private static final Scalars.Int SEQ_TYPE = (Scalars.Int) JavaTypes.UNSIGNED_LONG;

    /** The generic mapping of the same Go struct: the source of the type definition sent. */
    private final JType definition;
    private final String goName;
    private final boolean hasError;

    private HeaderType(Class<?> javaType, JType definition, String goName, boolean hasError) {
        super(javaType);
        this.definition = definition;
        this.goName = goName;
        this.hasError = hasError;
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return enc.defineType(this);
    }

    @Override
    public WireType wireType(StreamEncoder enc) {
        return definition.wireType(enc);
    }

    @Override
    public boolean isStruct() {
        return true;
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object value) {
        String serviceMethod;
        long seq;
        String error;
        if (hasError) {
            ResponseHeader h = (ResponseHeader) value;
            serviceMethod = h.serviceMethod();
            seq = h.seq();
            error = h.error();
        } else {
            RequestHeader h = (RequestHeader) value;
            serviceMethod = h.serviceMethod();
            seq = h.seq();
            error = "";
        }
        int last = -1; // fields in Go's order: 0 ServiceMethod, 1 Seq, 2 Error
        if (!serviceMethod.isEmpty()) {
            out.writeUint(1);
            out.writeString(serviceMethod);
            last = 0;
        }
        if (seq != 0) {
            out.writeUint(1 - last);
            out.writeUint(seq);
            last = 1;
        }
        if (!error.isEmpty()) {
            out.writeUint(2 - last);
            out.writeString(error);
        }
        out.writeUint(0);
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
            roles[f] = role(w.fieldNames.get(f));
            switch (roles[f]) {
                case SERVICE_METHOD -> checkField(dec, SERVICE_METHOD, STRING, fieldId);
                case SEQ -> {
                    checkField(dec, SEQ, SEQ_TYPE, fieldId);
                    seqUnsigned = fieldId == WireType.UINT;
                }
                case ERROR -> checkField(dec, ERROR, STRING, fieldId);
                default -> skips[f] = dec.skipper(fieldId);
            }
            if (roles[f] != SKIP) {
                matched++;
            }
        }
        if (matched == 0 && n > 0) {
            throw new CodecException("gob: type mismatch: no fields of Go struct " + dec.describe(wireId) + " "
                    + w.fieldNames + " match Java " + javaType.getTypeName()
                    + (hasError ? " [serviceMethod, seq, error]" : " [serviceMethod, seq]"));
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
                    String name = roles[field] == SKIP ? w.fieldNames.get(field) + " (skipped)" : javaName(roles[field]);
                    throw fieldError(name, e);
                }
            }
            in.leave();
            return hasError ? new ResponseHeader(serviceMethod, seq, error) : new RequestHeader(serviceMethod, seq);
        };
    }

    private byte role(String wireName) {
        return switch (wireName) {
            case "ServiceMethod" -> SERVICE_METHOD;
            case "Seq" -> SEQ;
            case "Error" -> hasError ? ERROR : SKIP;
            default -> SKIP;
        };
    }

    /** Fails, as the generic decoder would, when a known field has a wire type it cannot hold. */
    private void checkField(StreamDecoder dec, byte role, JType type, int fieldId) {
        try {
            type.decoder(dec, fieldId);
        } catch (CodecException e) {
            throw fieldError(javaName(role), e);
        }
    }

    private CodecException fieldError(String javaName, CodecException e) {
        return new CodecException("gob: field " + goName + "." + javaName + ": " + JStruct.strip(e.getMessage()), e);
    }

    private static String javaName(byte role) {
        return switch (role) {
            case SERVICE_METHOD -> "serviceMethod";
            case SEQ -> "seq";
            default -> "error";
        };
    }
}
