package dev.rpcpool.codec;

import java.lang.reflect.Type;

/** Tells a {@link ClientCodec} what Java type the caller of a pending call expects. */
@FunctionalInterface
public interface ReplyTypes {
    /**
     * Returns the reply type of the call with this sequence number, or {@code null} if no call
     * waits for it (the body must then be skipped). Called on the connection's I/O thread.
     */
    Type replyType(long seq);
}
