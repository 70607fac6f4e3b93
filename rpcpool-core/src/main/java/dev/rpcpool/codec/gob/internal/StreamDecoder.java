package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;
import io.netty.buffer.ByteBuf;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The receiving half of one gob stream: splits the bytes into length-prefixed messages, keeps the
 * table of type definitions the peer sent (id → {@link WireType}), and decodes values with
 * decoders compiled once per (wire type, Java type) pair.
 *
 * <p>Limits: every message's length is checked against {@code maxMessageBytes} before it is
 * buffered; every count inside a value must fit in the bytes left; values nest at most
 * {@code maxDepth} levels; a stream defines at most {@value #MAX_TYPES} types.
 *
 * <p>Thread-safety: not thread-safe; one per connection.
 */
public final class StreamDecoder {
    /** Returned by {@link #read} when the buffer does not hold a whole value yet. */
    public static final Object INCOMPLETE = new Object();
    static final int MAX_TYPES = 10_000;
    private static final int MAX_COMPILE_DEPTH = 500;
    private static final int MAX_PREFIX = 9;
    private static final int HIT_SLOTS = 8; // a power of two
    /** Messages up to this size are copied into one array reused for the stream's life. */
    private static final int MAX_REUSED_FRAME_BYTES = 64 * 1024;

    private final GobTypes types;
    private final int maxMessageBytes;
    private final int maxDepth;
    private final Map<Integer, WireType> wire = new HashMap<>();
    private final Map<Key, Dec> decoders = new HashMap<>();
    /**
     * The last finished decoders looked up, by {@code id % HIT_SLOTS}, matched on id and JType
     * identity (JTypes are canonical): a steady stream decodes the same few top-level types (a
     * header, a body) over and over, and this answers them without a {@link Key} per value.
     */
    private final int[] hitIds = new int[HIT_SLOTS];
    private final JType[] hitTypes = new JType[HIT_SLOTS];
    private final Dec[] hitDecoders = new Dec[HIT_SLOTS];
    private final List<Integer> definedDuringValue = new ArrayList<>();
    private int compileDepth;
    /** Reused for every message of this stream. */
    private final FrameSource frames = new FrameSource();
    private final GobInput input;

    private record Key(int id, JType type) {}

    /** A placeholder for a decoder under construction, so recursive types can refer to themselves. */
    private static final class Forward implements Dec {
        Dec target;

        @Override
        public Object decode(GobInput in) {
            return target.decode(in);
        }
    }

    public StreamDecoder(GobTypes types, int maxMessageBytes, int maxDepth) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive: " + maxMessageBytes);
        }
        this.types = types;
        this.maxMessageBytes = maxMessageBytes;
        this.maxDepth = maxDepth;
        this.input = new GobInput(new byte[0], frames, maxDepth);
    }

    GobTypes types() {
        return types;
    }

    /**
     * Consumes type definitions from {@code in}, then one value: decodes it into {@code target}
     * ({@code null}: read and discard it, returning {@code null}). Returns {@link #INCOMPLETE}
     * (having consumed only whole type definitions) when the value has not fully arrived.
     *
     * @throws ValueException if the value's messages were intact but it does not fit
     *     {@code target} or is malformed inside; they were consumed, the stream is still in step
     * @throws CodecException if the stream itself is broken (a message over the limit, a bad
     *     type definition); the connection cannot continue
     */
    public Object read(ByteBuf in, JType target) {
        while (true) {
            int start = in.readerIndex();
            frames.reset(in, start);
            if (!frames.peek()) {
                return INCOMPLETE;
            }
            GobInput gi = input;
            gi.reset(frames.frame, frames.length);
            long id = gi.readInt();
            if (id < 0) {
                defineType(-id, gi);
                if (gi.remaining() > 0) {
                    throw gi.error("extra data after the definition of type " + (-id));
                }
                in.readerIndex(frames.end);
                continue;
            }
            definedDuringValue.clear();
            try {
                Object v = decodeValue(gi, id, target);
                if (gi.remaining() > 0) {
                    throw gi.error(gi.remaining() + " bytes left over after the value");
                }
                in.readerIndex(frames.end);
                return v;
            } catch (NeedMoreInput e) {
                // The value continues in a message not yet here: forget what we learnt from it.
                for (Integer t : definedDuringValue) {
                    wire.remove(t);
                }
                if (!definedDuringValue.isEmpty()) {
                    decoders.clear();
                    forgetHits();
                }
                in.readerIndex(start);
                return INCOMPLETE;
            } catch (ValueException e) {
                in.readerIndex(frames.end);
                throw e;
            } catch (CodecException | StackOverflowError | IllegalArgumentException | ClassCastException e) {
                in.readerIndex(frames.end);
                throw new ValueException(e instanceof CodecException ? e.getMessage()
                        : "gob: cannot decode into " + (target == null ? "nothing" : target) + ": " + e, e);
            }
        }
    }

    private Object decodeValue(GobInput gi, long id, JType target) {
        if (id == 0 || id > Integer.MAX_VALUE || (id > WireType.INTERFACE && !wire.containsKey((int) id))) {
            throw gi.error("value of unknown type id " + id);
        }
        int tid = (int) id;
        Dec d = decoderFor(tid, target == null ? Skip.INSTANCE : target);
        if (!isStruct(tid) && gi.readUint() != 0) {
            throw gi.error("corrupted data: non-zero delta for a top-level non-struct value");
        }
        Object v = d.decode(gi);
        if (v == null && target != null) {
            // Go never sends one (it encodes an interface's concrete value); found by fuzzing
            throw gi.error("a top-level value cannot be a nil interface");
        }
        return target == null ? null : v;
    }

    /** Records a type definition (message id {@code -id}) read from {@code in}. */
    void defineType(long id, GobInput in) {
        if (id <= 23 || id > Integer.MAX_VALUE) {
            throw in.error("type definition with invalid id " + id);
        }
        if (wire.containsKey((int) id)) {
            throw in.error("duplicate definition of type id " + id);
        }
        if (wire.size() >= MAX_TYPES) {
            throw in.error("more than " + MAX_TYPES + " type definitions on one stream");
        }
        WireType w = WireType.decode(in);
        wire.put((int) id, w);
        definedDuringValue.add((int) id);
    }

    /**
     * Reads the concrete type id of an interface value, with any definitions sent in its way
     * (Go puts them there, possibly continuing in the next message; see decoder.go).
     */
    int readInterfaceTypeId(GobInput in) {
        while (true) {
            if (in.remaining() == 0) {
                in.nextFrame();
            }
            long id = in.readInt();
            if (id >= 0) {
                if (id == 0 || id > Integer.MAX_VALUE || (id > WireType.INTERFACE && !wire.containsKey((int) id))) {
                    throw in.error("interface value of unknown type id " + id);
                }
                return (int) id;
            }
            defineType(-id, in);
            if (in.remaining() > 0) {
                in.readUint(); // the byte count of what follows, which Go's decoder skips too
            }
        }
    }

    /** The decoder of wire type {@code id} into {@code t}, compiled on first use. */
    public Dec decoderFor(int id, JType t) {
        int slot = id & (HIT_SLOTS - 1);
        if (hitIds[slot] == id && hitTypes[slot] == t) {
            return hitDecoders[slot];
        }
        Key k = new Key(id, t);
        Dec d = decoders.get(k);
        if (d != null) {
            if (!(d instanceof Forward)) { // a Forward is a decoder still being compiled
                remember(slot, id, t, d);
            }
            return d;
        }
        if (++compileDepth > MAX_COMPILE_DEPTH) {
            compileDepth = 0;
            throw new CodecException("gob: type definitions nest deeper than " + MAX_COMPILE_DEPTH + " levels");
        }
        Forward f = new Forward();
        decoders.put(k, f);
        try {
            d = t.decoder(this, id);
        } catch (RuntimeException e) {
            decoders.remove(k);
            throw e;
        } finally {
            compileDepth = Math.max(0, compileDepth - 1);
        }
        f.target = d;
        decoders.put(k, d);
        remember(slot, id, t, d);
        return d;
    }

    private void remember(int slot, int id, JType t, Dec d) {
        hitIds[slot] = id;
        hitTypes[slot] = t;
        hitDecoders[slot] = d;
    }

    private void forgetHits() {
        Arrays.fill(hitIds, 0); // no value has type id 0
        Arrays.fill(hitTypes, null);
        Arrays.fill(hitDecoders, null);
    }

    /** The skipper of wire type {@code id}. */
    Dec skipper(int id) {
        return decoderFor(id, Skip.INSTANCE);
    }

    /**
     * The definition of a peer type, or null for a predefined id.
     *
     * @throws CodecException if the id was never defined
     */
    WireType definedOrNull(int id) {
        if (id >= WireType.BOOL && id <= WireType.INTERFACE) {
            return null;
        }
        WireType w = wire.get(id);
        if (w == null) {
            throw new CodecException("gob: unknown type id " + id + " (the peer never defined it)");
        }
        return w;
    }

    boolean isStruct(int id) {
        WireType w = wire.get(id);
        return w != null && w.kind == WireType.Kind.STRUCT;
    }

    /** A person-readable name of wire type {@code id}, for messages. */
    String describe(int id) {
        return switch (id) {
            case WireType.BOOL -> "bool";
            case WireType.INT -> "int";
            case WireType.UINT -> "uint";
            case WireType.FLOAT -> "float";
            case WireType.BYTES -> "[]byte";
            case WireType.STRING -> "string";
            case WireType.COMPLEX -> "complex";
            case WireType.INTERFACE -> "interface";
            default -> {
                WireType w = wire.get(id);
                yield w == null ? "unknown type id " + id
                        : w.kind.name().toLowerCase(java.util.Locale.ROOT) + (w.name.isEmpty() ? "" : " " + w.name);
            }
        };
    }

    /** Peeks length-prefixed messages at increasing offsets of a buffer without consuming them. */
    private final class FrameSource implements GobInput.Frames {
        private ByteBuf in;
        int end;
        private long total;
        /**
         * The message peeked last, in its first {@link #length} bytes. Messages are decoded one at a
         * time and decoders copy what they keep, so one array serves every message of the stream.
         */
        byte[] frame;
        int length;
        private byte[] reusable = new byte[256];

        void reset(ByteBuf buf, int start) {
            in = buf;
            end = start;
            total = 0;
        }

        /**
         * Copies the next message into {@link #frame} (its first {@link #length} bytes); false if it
         * has not fully arrived.
         */
        boolean peek() {
            int at = end;
            int limit = in.writerIndex();
            if (at >= limit) {
                return false;
            }
            int b = in.getByte(at);
            long len;
            int prefix;
            if (b >= 0) {
                len = b;
                prefix = 1;
            } else {
                int n = -b;
                if (n > 8) {
                    throw new CodecException("gob: invalid message length prefix byte " + (b & 0xFF) + " at stream offset " + at);
                }
                if (at + 1 + n > limit) {
                    return false;
                }
                len = 0;
                for (int i = 0; i < n; i++) {
                    len = (len << 8) | (in.getByte(at + 1 + i) & 0xFF);
                }
                prefix = 1 + n;
            }
            if (len < 0 || len > maxMessageBytes || (total += len) > maxMessageBytes) {
                throw new CodecException("gob: message of " + Long.toUnsignedString(len)
                        + " bytes exceeds the limit of " + maxMessageBytes + " bytes (maxMessageBytes)");
            }
            if (len == 0) {
                throw new CodecException("gob: empty message at stream offset " + at);
            }
            if (limit - at - prefix < len) {
                return false;
            }
            length = (int) len;
            if (length <= MAX_REUSED_FRAME_BYTES) {
                if (reusable.length < length) {
                    reusable = new byte[Math.min(MAX_REUSED_FRAME_BYTES, Math.max(length, 2 * reusable.length))];
                }
                frame = reusable;
            } else {
                frame = new byte[length]; // not kept: one huge message must not pin its size per connection
            }
            in.getBytes(at + prefix, frame, 0, length);
            end = at + prefix + length;
            return true;
        }

        @Override
        public void next(GobInput input) {
            if (!peek()) {
                throw NeedMoreInput.INSTANCE;
            }
            input.continueWith(frame, length);
        }
    }
}
