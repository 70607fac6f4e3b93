package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.CodecException;

/**
 * A value could not be decoded, but its messages were whole and were consumed: the stream is
 * still in step, so a server can answer with the error and keep the connection, as Go's does.
 */
public final class ValueException extends CodecException {
    private static final long serialVersionUID = 1L;

    public ValueException(String message, Throwable cause) {
        super(message, cause);
    }
}
