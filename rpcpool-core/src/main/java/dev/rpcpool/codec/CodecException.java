package dev.rpcpool.codec;

/**
 * A value could not be encoded, or bytes read from the peer could not be decoded (malformed,
 * hostile, or over the size limit). The message names what was wrong: the type, field, offset or
 * limit. Unchecked.
 *
 * <p>Thread-safety: immutable once thrown.
 */
public class CodecException extends dev.rpcpool.RpcPoolException {
    private static final long serialVersionUID = 1L;

    public CodecException(String message) {
        super(message);
    }

    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
