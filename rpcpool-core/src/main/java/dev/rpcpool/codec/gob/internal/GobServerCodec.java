package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.ArgTypes;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;

/**
 * The server side of Go's {@code gobServerCodec}: reads a {@code Request} header then the
 * argument; writes a {@code Response} header then the reply, or Go's empty
 * {@code invalidRequest} struct when the call failed.
 *
 * <p>Thread-safety: not thread-safe; one per connection, used on its I/O thread.
 */
public final class GobServerCodec implements ServerCodec {
    private final StreamEncoder enc;
    private final StreamDecoder dec;
    private final GobOutput frames = new GobOutput(512);
    private RequestHeader pending;
    private final BodyReader body;

    public GobServerCodec(GobTypes types, int maxMessageBytes, int maxDepth) {
        this.enc = new StreamEncoder(types);
        this.dec = new StreamDecoder(types, maxMessageBytes, maxDepth);
        this.body = new BodyReader(dec);
    }

    @Override
    public DecodedRequest readRequest(ByteBuf in, ArgTypes argTypes) {
        if (pending == null) {
            Object h = Codecs.readHeader(dec, in, HeaderType.REQUEST);
            if (h == StreamDecoder.INCOMPLETE) {
                return null;
            }
            pending = (RequestHeader) h;
            body.begin(argTypes.argType(pending.serviceMethod()));
        }
        if (!body.read(in)) {
            return null;
        }
        DecodedRequest r = new DecodedRequest(pending, body.value(), body.error());
        pending = null;
        return r;
    }

    @Override
    public void writeResponse(ResponseHeader header, Object reply, Type declaredType, ByteBuf out) {
        writeResponse(header, header.isError() ? reply : Codecs.asDeclared(reply, declaredType), out);
    }

    @Override
    public void writeResponse(ResponseHeader header, Object reply, ByteBuf out) {
        Object value = header.isError() ? RpcHeaders.INVALID : reply;
        if (value == null) {
            throw new CodecException("gob: cannot send a null reply for " + header.serviceMethod()
                    + " (gob has no nil top-level value)");
        }
        frames.reset();
        enc.begin();
        try {
            enc.encodeMessage(header, HeaderType.RESPONSE, frames);
            enc.encodeMessage(Codecs.valueOf(value), header.isError() ? RpcHeaders.INVALID_REQUEST : Codecs.typeOfValue(value),
                    frames);
        } catch (RuntimeException e) {
            enc.rollback();
            throw Codecs.asCodecException(e, "reply of " + header.serviceMethod());
        }
        frames.copyTo(out);
    }
}
