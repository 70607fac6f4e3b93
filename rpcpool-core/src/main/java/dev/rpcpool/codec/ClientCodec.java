package dev.rpcpool.codec;

import io.netty.buffer.ByteBuf;

/**
 * The client side of one connection: writes requests, reads responses. Mirrors Go's
 * {@code rpc.ClientCodec}.
 *
 * <p>Thread-safety: not thread-safe. The transport calls every method on the connection's single
 * I/O thread, so implementations keep per-connection state without locks.
 */
public interface ClientCodec {

    /**
     * Appends one complete request (header and body) to {@code out}.
     *
     * <p>Failure atomicity: if this throws, nothing was appended to {@code out} and the codec's
     * stream state is as before the call, so the connection stays usable for other calls.
     *
     * @throws CodecException if {@code args} cannot be encoded (the message names the type or field)
     */
    void writeRequest(RequestHeader header, Object args, ByteBuf out);

    /**
     * Decodes the next complete response from {@code in}, or returns {@code null} when {@code in}
     * does not hold one yet. It may consume a prefix of {@code in} (for example gob type
     * definitions) before returning {@code null}; the caller keeps the unread rest and calls again
     * when more bytes arrive.
     *
     * <p>The reply body is decoded into {@code replyTypes.replyType(seq)}; when that returns
     * {@code null} (no call waits for this sequence number any more, for example it timed out) the
     * body is read and discarded, and {@link DecodedResponse#reply()} is {@code null}.
     *
     * @throws CodecException if the input is malformed or exceeds the message size limit; the
     *     stream cannot be resynchronised and the connection must be closed
     */
    DecodedResponse readResponse(ByteBuf in, ReplyTypes replyTypes);
}
