package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.ReplyTypes;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import io.netty.buffer.ByteBuf;

/**
 * The client side of Go's {@code gobClientCodec}: each request is a {@code Request} header value
 * then the argument value on one gob stream; each response a {@code Response} header then the
 * reply. A reply that does not fit the caller's type is reported, as Go's client does, as the
 * call's error ({@code "reading body ..."}), keeping the connection.
 *
 * <p>Thread-safety: not thread-safe; one per connection, used on its I/O thread.
 */
public final class GobClientCodec implements ClientCodec {
    private final StreamEncoder enc;
    private final StreamDecoder dec;
    private final GobOutput frames = new GobOutput(512);
    private ResponseHeader pending;
    private final BodyReader body;

    public GobClientCodec(GobTypes types, int maxMessageBytes, int maxDepth) {
        this.enc = new StreamEncoder(types);
        this.dec = new StreamDecoder(types, maxMessageBytes, maxDepth);
        this.body = new BodyReader(dec);
    }

    @Override
    public void writeRequest(RequestHeader header, Object args, ByteBuf out) {
        if (args == null) {
            throw new CodecException("gob: cannot send a null argument for " + header.serviceMethod()
                    + " (gob has no nil top-level value)");
        }
        frames.reset();
        enc.begin();
        try {
            enc.encodeMessage(header, HeaderType.REQUEST, frames);
            enc.encodeMessage(Codecs.valueOf(args), Codecs.typeOfValue(args), frames);
        } catch (RuntimeException e) {
            enc.rollback();
            throw Codecs.asCodecException(e, "argument of " + header.serviceMethod());
        }
        frames.copyTo(out);
    }

    @Override
    public DecodedResponse readResponse(ByteBuf in, ReplyTypes replyTypes) {
        if (pending == null) {
            Object h = Codecs.readHeader(dec, in, HeaderType.RESPONSE);
            if (h == StreamDecoder.INCOMPLETE) {
                return null;
            }
            pending = (ResponseHeader) h;
            body.begin(pending.isError() ? null : replyTypes.replyType(pending.seq()));
        }
        if (!body.read(in)) {
            return null;
        }
        ResponseHeader h = body.error() == null ? pending
                : new ResponseHeader(pending.serviceMethod(), pending.seq(), "reading body " + body.error());
        pending = null;
        return new DecodedResponse(h, body.value());
    }
}
