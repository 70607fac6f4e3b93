package dev.rpcpool.codec.jsonrpc.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.rpcpool.codec.ArgTypes;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.DecodedRequest;
import dev.rpcpool.codec.RequestHeader;
import dev.rpcpool.codec.ResponseHeader;
import dev.rpcpool.codec.ServerCodec;
import io.netty.buffer.ByteBuf;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.HashMap;
import java.util.Map;

/**
 * The server side of Go's jsonrpc on one connection. As in Go, each request gets a local sequence
 * number and its JSON id is kept aside until the response echoes it unchanged (a missing id is
 * answered with {@code null}). The map holds one entry per request being served, so it is bounded
 * by the server's per-connection concurrency limit. Internal; not thread-safe (event loop only).
 */
public final class JsonRpcServerCodec implements ServerCodec {
    /** Go's text when a known method's request has no params. */
    public static final String MISSING_PARAMS = "jsonrpc: request body missing params";

    private final JsonSupport json;
    private final JsonValueReader reader;
    private final Map<Long, JsonNode> pendingIds = new HashMap<>();
    private long seq;

    public JsonRpcServerCodec(JsonSupport json, int maxMessageBytes) {
        this.json = json;
        this.reader = new JsonValueReader(json, maxMessageBytes);
    }

    @Override
    public DecodedRequest readRequest(ByteBuf in, ArgTypes argTypes) {
        JsonNode msg = reader.next(in);
        if (msg == null) {
            return null;
        }
        if (!msg.isObject()) {
            throw new CodecException("jsonrpc: request is not a JSON object: " + JsonSupport.abbreviate(msg));
        }
        JsonNode methodNode = JsonSupport.field(msg, "method");
        if (methodNode != null && !methodNode.isNull() && !methodNode.isTextual()) {
            throw new CodecException("jsonrpc: request method is not a string: " + JsonSupport.abbreviate(msg));
        }
        String method = methodNode == null || methodNode.isNull() ? "" : methodNode.textValue();
        JsonNode id = JsonSupport.field(msg, "id");
        seq++;
        pendingIds.put(seq, id == null ? NullNode.getInstance() : id);
        RequestHeader header = new RequestHeader(method, seq);

        Type argType = argTypes.argType(method);
        if (argType == null) {
            return new DecodedRequest(header, null, null);
        }
        JsonNode params = JsonSupport.field(msg, "params");
        if (params == null || params.isNull()) {
            return new DecodedRequest(header, null, MISSING_PARAMS);
        }
        if (!params.isArray() || params.size() != 1) {
            pendingIds.remove(seq);
            throw new CodecException("jsonrpc: params of " + method + " must be a one-element array, got "
                    + JsonSupport.abbreviate(params));
        }
        try {
            return new DecodedRequest(header, json.bind(params.get(0), argType), null);
        } catch (IOException | IllegalArgumentException e) {
            return new DecodedRequest(header, null, "jsonrpc: cannot decode params of " + method + ": " + JsonSupport.describe(e));
        }
    }

    @Override
    public void writeResponse(ResponseHeader header, Object reply, ByteBuf out) {
        JsonNode id = pendingIds.get(header.seq());
        if (id == null) {
            throw new CodecException("invalid sequence number in response");
        }
        json.writeMessage(out, () -> "reply of " + header.serviceMethod(), (g, mapper) -> {
            g.writeStartObject();
            g.writeFieldName("id");
            mapper.writeTree(g, id);
            g.writeFieldName("result");
            if (header.isError()) {
                g.writeNull();
            } else {
                mapper.writeValue(g, reply);
            }
            g.writeFieldName("error");
            if (header.isError()) {
                g.writeString(header.error());
            } else {
                g.writeNull();
            }
            g.writeEndObject();
        });
        pendingIds.remove(header.seq());
    }

    @Override
    public long pendingBytes() {
        return reader.pendingBytes();
    }
}
