package dev.rpcpool.codec.gob.internal;

/**
 * Decodes one gob value of a fixed wire type into a fixed Java type; compiled once per connection
 * for each (wire type id, Java type) pair. Not thread-safe (owned by one connection).
 */
@FunctionalInterface
public interface Dec {
    Object decode(GobInput in);
}
