package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The sending half of one gob stream: remembers which type definitions this connection has sent
 * (Go sends each once per stream) and writes messages. A call to {@link #begin()} starts an
 * all-or-nothing unit: {@link #rollback()} forgets every definition made since, so a value that
 * fails to encode leaves the stream as it was.
 *
 * <p>Thread-safety: not thread-safe; one per connection.
 */
public final class StreamEncoder {
    private final GobTypes types;
    private final Map<JType, Integer> sent = new HashMap<>();
    private final List<JType> added = new ArrayList<>();
    private int nextId = WireType.FIRST_USER_ID;
    private int markNextId = nextId;
    private final GobOutput defs = new GobOutput(256);
    private final GobOutput body = new GobOutput(256);
    private final GobOutput defBody = new GobOutput(128);

    public StreamEncoder(GobTypes types) {
        this.types = types;
    }

    public GobTypes types() {
        return types;
    }

    /** Starts an all-or-nothing unit of messages. */
    public void begin() {
        added.clear();
        markNextId = nextId;
    }

    /** Undoes the type definitions made since {@link #begin()}. */
    public void rollback() {
        for (JType t : added) {
            sent.remove(t);
        }
        added.clear();
        nextId = markNextId;
    }

    /**
     * Returns the id of {@code t}'s definition on this stream, writing the definition (and those
     * of the types it refers to) first if it was not sent yet.
     */
    public int defineType(JType t) {
        Integer id = sent.get(t);
        if (id != null) {
            return id;
        }
        int newId = nextId++;
        // Registered before its parts are defined, so recursive types refer to themselves.
        sent.put(t, newId);
        added.add(t);
        WireType w = t.wireType(this);
        defBody.reset();
        defBody.writeInt(-newId);
        w.encode(defBody, newId);
        defs.writeMessage(defBody);
        return newId;
    }

    /**
     * Appends to {@code frames} the definitions of types not sent yet, then the message holding
     * {@code value} sent as {@code type}.
     *
     * @throws CodecException if the value cannot be encoded (call {@link #rollback()} then)
     */
    public void encodeMessage(Object value, JType type, GobOutput frames) {
        defs.reset();
        body.reset();
        try {
            int id = type.wireId(this);
            body.writeInt(id);
            if (!type.isStruct()) {
                body.writeUint(0); // gob's singleton delta: a top-level non-struct is field 0 of no struct
            }
            type.encode(this, body, value);
        } catch (CodecException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new CodecException("gob: cannot encode " + type + ": " + e, e);
        }
        frames.writeAll(defs);
        frames.writeMessage(body);
    }
}
