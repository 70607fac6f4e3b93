package dev.rpcpool.rpc.internal;

import dev.rpcpool.codec.ArgTypes;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import io.netty.buffer.ByteBuf;
import java.lang.reflect.Type;

/**
 * Passes every call to a real server codec and remembers the first exception that is not a
 * {@link CodecException}: the server handler closes the connection on any exception, so without this
 * an unexpected one would pass unnoticed. Test helper; not thread-safe, like the codec.
 */
final class CheckedServerCodec implements ServerCodec {
    private final ServerCodec codec;
    private RuntimeException unexpected;

    CheckedServerCodec(ServerCodec codec) {
        this.codec = codec;
    }

    /** The first exception of a type the codec's contract does not allow, or null. */
    RuntimeException unexpected() {
        return unexpected;
    }

    @Override
    public DecodedRequest readRequest(ByteBuf in, ArgTypes argTypes) {
        try {
            return codec.readRequest(in, argTypes);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw remember(e);
        }
    }

    @Override
    public void writeResponse(ResponseHeader header, Object reply, ByteBuf out) {
        try {
            codec.writeResponse(header, reply, out);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw remember(e);
        }
    }

    @Override
    public void writeResponse(ResponseHeader header, Object reply, Type declaredType, ByteBuf out) {
        try {
            codec.writeResponse(header, reply, declaredType, out);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw remember(e);
        }
    }

    private RuntimeException remember(RuntimeException e) {
        if (unexpected == null) {
            unexpected = e;
        }
        return e;
    }
}
