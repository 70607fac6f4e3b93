package dev.rpcpool.codec.jsonrpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedResponse;
import dev.rpcpool.codec.ReplyTypes;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.reflect.Type;

/**
 * The client side of Go's jsonrpc on one connection. Unlike Go's codec it keeps no seq→method map
 * (JSON-RPC replies do not carry the method; the RPC client knows it from its pending call), so a
 * call whose reply never comes leaves nothing behind here: response headers carry an empty method.
 * Internal; not thread-safe (event loop only).
 */
public final class JsonRpcClientCodec implements ClientCodec {
    private final JsonSupport json;
    private final JsonValueReader reader;

    public JsonRpcClientCodec(JsonSupport json, int maxMessageBytes) {
        this.json = json;
        this.reader = new JsonValueReader(json, maxMessageBytes);
    }

    @Override
    public void writeRequest(RequestHeader header, Object args, ByteBuf out) {
        json.writeMessage(out, () -> "params of " + header.serviceMethod() + " (" + typeName(args) + ")", (g, mapper) -> {
            g.writeStartObject();
            g.writeStringField("method", header.serviceMethod());
            g.writeArrayFieldStart("params");
            mapper.writeValue(g, args);
            g.writeEndArray();
            g.writeNumberField("id", header.seq());
            g.writeEndObject();
        });
    }

    @Override
    public DecodedResponse readResponse(ByteBuf in, ReplyTypes replyTypes) {
        JsonNode msg = reader.next(in);
        if (msg == null) {
            return null;
        }
        if (!msg.isObject()) {
            throw new CodecException("jsonrpc: response is not a JSON object: " + JsonSupport.abbreviate(msg));
        }
        long seq = sequence(JsonSupport.field(msg, "id"), msg);
        JsonNode error = JsonSupport.field(msg, "error");
        if (error != null && !error.isNull()) {
            if (!error.isTextual()) {
                // Go's client: "invalid error %v", and the connection is shut down
                throw new CodecException("jsonrpc: invalid error " + JsonSupport.abbreviate(error));
            }
            String text = error.textValue().isEmpty() ? "unspecified error" : error.textValue();
            return new DecodedResponse(new ResponseHeader("", seq, text), null);
        }
        ResponseHeader header = new ResponseHeader("", seq, "");
        Type type = replyTypes.replyType(seq);
        if (type == null) {
            return new DecodedResponse(header, null);
        }
        try {
            return new DecodedResponse(header, json.bind(JsonSupport.field(msg, "result"), type));
        } catch (IOException | IllegalArgumentException e) {
            return new DecodedResponse(header, null, "reading body " + JsonSupport.describe(e));
        }
    }

    /** The id as Go's uint64 (our sequence numbers never exceed Long.MAX_VALUE, larger ones just match nothing). */
    private static long sequence(JsonNode id, JsonNode msg) {
        if (id != null && (id.isInt() || id.isLong()) && id.longValue() >= 0) {
            return id.longValue();
        }
        if (id != null && id.isBigInteger() && id.bigIntegerValue().signum() >= 0 && id.bigIntegerValue().bitLength() <= 64) {
            return id.bigIntegerValue().longValue();
        }
        throw new CodecException("jsonrpc: response id is not an unsigned integer: " + JsonSupport.abbreviate(msg));
    }

    private static String typeName(Object args) {
        return args == null ? "null" : args.getClass().getName();
    }
}
