package dev.rpcpool.codec.gob;

import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.codec.gob.internal.GobClientCodec;
import dev.rpcpool.codec.gob.internal.GobServerCodec;
import dev.rpcpool.codec.gob.internal.GobTypes;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Go's default {@code net/rpc} codec, {@code encoding/gob}: speaks exactly what Go's
 * {@code gobClientCodec} and {@code gobServerCodec} speak, so Java clients call stock Go servers and
 * Go clients call Java servers. See {@code docs/gob.md} for the Java ↔ Go type mapping.
 *
 * <pre>{@code
 * Codec gob = GobCodec.builder()
 *         .register("main.Circle", Circle.class)   // a concrete type Go sends inside interface values
 *         .build();
 * }</pre>
 *
 * <p>Thread-safety: immutable and thread-safe; the client and server codecs it creates belong to
 * one connection each and are not.
 */
public final class GobCodec implements Codec {
    /** Values nest at most this deep by default; deeper input fails to decode. */
    public static final int DEFAULT_MAX_DEPTH = 100;

    private static final GobCodec DEFAULT = builder().build();

    private final GobTypes types;
    private final Map<String, Class<?>> registered;
    private final int maxDepth;

    private GobCodec(Builder b) {
        this.registered = Map.copyOf(b.registered);
        this.types = new GobTypes(registered);
        this.maxDepth = b.maxDepth;
    }

    /** A codec with no registered interface types and default limits. */
    public static GobCodec create() {
        return DEFAULT;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this codec's settings. */
    public Builder newBuilder() {
        Builder b = new Builder();
        b.registered.putAll(registered);
        b.maxDepth = maxDepth;
        return b;
    }

    @Override
    public String name() {
        return "gob";
    }

    @Override
    public ClientCodec newClientCodec(int maxMessageBytes) {
        checkMax(maxMessageBytes);
        return new GobClientCodec(types, maxMessageBytes, maxDepth);
    }

    @Override
    public ServerCodec newServerCodec(int maxMessageBytes) {
        checkMax(maxMessageBytes);
        return new GobServerCodec(types, maxMessageBytes, maxDepth);
    }

    /** A stand-alone gob stream encoder (one stream: type definitions are sent once). */
    public GobEncoder newEncoder() {
        return new GobEncoder(types);
    }

    /** A stand-alone gob stream decoder. */
    public GobDecoder newDecoder(int maxMessageBytes) {
        checkMax(maxMessageBytes);
        return new GobDecoder(types, maxMessageBytes, maxDepth);
    }

    private static void checkMax(int maxMessageBytes) {
        if (maxMessageBytes <= 0) {
            throw new IllegalArgumentException("maxMessageBytes must be positive, was " + maxMessageBytes);
        }
    }

    @Override
    public String toString() {
        return "GobCodec{registered=" + registered.keySet() + ", maxDepth=" + maxDepth + "}";
    }

    /** Builds a {@link GobCodec}. Not thread-safe. */
    public static final class Builder {
        private final Map<String, Class<?>> registered = new LinkedHashMap<>();
        private int maxDepth = DEFAULT_MAX_DEPTH;

        private Builder() {}

        /**
         * Registers a concrete type that travels inside interface values under its Go name (what
         * Go's {@code gob.Register} uses: {@code "main.Circle"} for a named type {@code Circle} of
         * package main, {@code "*main.Circle"} when a pointer was registered). Go's basic types
         * ({@code "int"}, {@code "string"}, {@code "float64"}, {@code "[]string"}, ...) are known.
         */
        public Builder register(String goName, Class<?> type) {
            Objects.requireNonNull(goName, "goName");
            Objects.requireNonNull(type, "type");
            if (goName.isEmpty()) {
                throw new IllegalArgumentException("goName must not be empty");
            }
            Class<?> old = registered.putIfAbsent(goName, type);
            if (old != null && old != type) {
                throw new IllegalArgumentException("goName " + goName + " is already registered for " + old.getName());
            }
            return this;
        }

        /** How deeply values may nest before decoding fails (default {@value #DEFAULT_MAX_DEPTH}). */
        public Builder maxDepth(int maxDepth) {
            if (maxDepth < 1 || maxDepth > 10_000) {
                throw new IllegalArgumentException("maxDepth must be within 1..10000, was " + maxDepth);
            }
            this.maxDepth = maxDepth;
            return this;
        }

        public GobCodec build() {
            return new GobCodec(this);
        }
    }
}
