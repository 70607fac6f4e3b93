package dev.rpcpool.codec;

import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;

/**
 * The server side of one connection: reads requests, writes responses. Mirrors Go's
 * {@code rpc.ServerCodec}.
 *
 * <p>Thread-safety: not thread-safe. The transport calls every method on the connection's single
 * I/O thread.
 */
public interface ServerCodec {

    /**
     * Decodes the next complete request from {@code in}, or returns {@code null} when {@code in}
     * does not hold one yet (it may consume a prefix first, as {@link ClientCodec#readResponse} does).
     *
     * <p>The body is decoded into {@code argTypes.argType(serviceMethod)}; when that returns
     * {@code null} (unknown service or method) the body is read and discarded and
     * {@link DecodedRequest#args()} is {@code null}. When the frame is intact but the body does not
     * fit the argument type, the request is returned with {@link DecodedRequest#bodyError()} set,
     * so the server can answer with that error and keep the connection, as Go's server does.
     *
     * @throws CodecException if the input is malformed or exceeds the message size limit; the
     *     connection must be closed
     */
    DecodedRequest readRequest(ByteBuf in, ArgTypes argTypes);

    /**
     * Appends one complete response to {@code out}. When {@code header.error()} is non-empty the
     * {@code reply} is ignored and the body is written as Go's server writes it for errors.
     *
     * <p>Failure atomicity: as {@link ClientCodec#writeRequest}.
     *
     * @throws CodecException if {@code reply} cannot be encoded
     */
    void writeResponse(ResponseHeader header, Object reply, ByteBuf out);

    /**
     * As {@link #writeResponse(ResponseHeader, Object, ByteBuf)}, knowing the registered method's
     * declared (generic) return type, so a codec whose wire format carries types can send what
     * the method declares ({@code List<Integer>}, {@code Map<String,Foo>}) rather than the reply's
     * runtime class. {@code declaredType} is {@code null} when unknown. The default ignores it.
     *
     * @throws CodecException if {@code reply} cannot be encoded
     */
    default void writeResponse(ResponseHeader header, Object reply, Type declaredType, ByteBuf out) {
        writeResponse(header, reply, out);
    }

    /**
     * Bytes of an unfinished request the codec holds itself, having taken them from the input
     * (a streaming JSON parser does); the server counts them against its buffered-bytes budget.
     * The default, for codecs that leave unfinished requests in the input, is zero.
     */
    default long pendingBytes() {
        return 0;
    }
}
