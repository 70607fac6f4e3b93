package dev.rpcpool.codec;

import java.lang.reflect.Type;

/** Tells a {@link ServerCodec} what Java type a registered method takes as its argument. */
@FunctionalInterface
public interface ArgTypes {
    /**
     * Returns the argument type of {@code serviceMethod}, or {@code null} if no such service or
     * method is registered (the body must then be skipped). Called on the connection's I/O thread.
     */
    Type argType(String serviceMethod);
}
