package dev.rpcpool.codec.jsonrpc.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.rpcpool.codec.CodecException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Type;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * What every jsonrpc connection of one codec shares: the mapper, cached readers per Java type,
 * and framing parser factories per size limit. Internal. Thread-safe.
 */
public final class JsonSupport {
    private final ObjectMapper mapper;
    private final ObjectReader treeReader;
    private final Map<Type, ObjectReader> readers = new ConcurrentHashMap<>();
    private final Map<Integer, JsonFactory> framingFactories = new ConcurrentHashMap<>();

    public JsonSupport(ObjectMapper mapper) {
        this.mapper = mapper;
        this.treeReader = mapper.readerFor(JsonNode.class);
    }

    ObjectMapper mapper() {
        return mapper;
    }

    /** Reads one tree from {@code p}; a prepared reader skips resolving the JsonNode type per message. */
    JsonNode readTree(JsonParser p) throws IOException {
        return treeReader.readTree(p);
    }

    /** A parser factory whose longest string is bounded by the message limit (memory stays bounded). */
    JsonFactory framingFactory(int maxMessageBytes) {
        return framingFactories.computeIfAbsent(maxMessageBytes, max -> mapper.getFactory().rebuild()
                .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(max).build())
                .build());
    }

    /** Binds {@code node} to {@code type}. */
    Object bind(JsonNode node, Type type) throws IOException {
        if (node == null || node.isNull()) {
            return null;
        }
        ObjectReader reader = readers.computeIfAbsent(type, t -> mapper.readerFor(mapper.constructType(t)));
        return reader.readValue(node);
    }

    /** Go's {@code encoding/json} field lookup: exact name first, then case-insensitive. */
    static JsonNode field(JsonNode object, String name) {
        JsonNode exact = object.get(name);
        if (exact != null) {
            return exact;
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().equalsIgnoreCase(name)) {
                return e.getValue();
            }
        }
        return null;
    }

    /** Writes one message and a newline to {@code out}, or nothing at all if {@code body} fails. */
    void writeMessage(ByteBuf out, Supplier<String> what, MessageWriter body) {
        int mark = out.writerIndex();
        try (JsonGenerator g = mapper.getFactory().createGenerator((OutputStream) new ByteBufOutputStream(out))) {
            body.write(g, mapper);
        } catch (IOException | RuntimeException e) {
            out.writerIndex(mark);
            throw new CodecException("jsonrpc: cannot encode " + what.get() + ": " + e.getMessage(), e);
        }
        out.writeByte('\n');
    }

    /** Writes the fields of one JSON-RPC message. */
    @FunctionalInterface
    interface MessageWriter {
        void write(JsonGenerator g, ObjectMapper mapper) throws IOException;
    }

    /** The message of a binding failure without Jackson's source location noise. */
    static String describe(Exception e) {
        return e instanceof com.fasterxml.jackson.core.JsonProcessingException jpe ? jpe.getOriginalMessage() : e.getMessage();
    }

    static String abbreviate(JsonNode node) {
        String s = String.valueOf(node);
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
