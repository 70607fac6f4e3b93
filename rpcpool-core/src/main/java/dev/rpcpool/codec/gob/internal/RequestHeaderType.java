package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.RequestHeader;

/**
 * A {@link RequestHeader} written as Go's {@code rpc.Request} header, field by field: the client
 * writes one per call, and the generic record encoder would need an intermediate
 * {@link RpcHeaders.Request} first. Sends the same type definition and the same bytes (zero fields
 * omitted, as Go omits them). Encode only; servers read requests as {@link RpcHeaders#REQUEST}.
 *
 * <p>Thread-safety: stateless, so thread-safe.
 */
final class RequestHeaderType extends JType {
    static final RequestHeaderType INSTANCE = new RequestHeaderType();

    private RequestHeaderType() {
        super(RequestHeader.class);
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return enc.defineType(this);
    }

    @Override
    public WireType wireType(StreamEncoder enc) {
        return RpcHeaders.REQUEST.wireType(enc); // struct Request {ServiceMethod string; Seq uint64}
    }

    @Override
    public boolean isStruct() {
        return true;
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object value) {
        RequestHeader h = (RequestHeader) value;
        int last = -1;
        if (!h.serviceMethod().isEmpty()) {
            out.writeUint(1); // field 0, ServiceMethod
            out.writeString(h.serviceMethod());
            last = 0;
        }
        if (h.seq() != 0) {
            out.writeUint(1 - last); // field 1, Seq
            out.writeUint(h.seq());
        }
        out.writeUint(0);
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        throw new UnsupportedOperationException("encode only: requests are read as RpcHeaders.REQUEST");
    }
}
