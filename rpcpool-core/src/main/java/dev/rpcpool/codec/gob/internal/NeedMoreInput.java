package dev.rpcpool.codec.gob.internal;

/**
 * Thrown inside the decoder when a value continues in a message that has not arrived yet; the
 * stream decoder rolls back and waits for more bytes. Never escapes the codec. Stackless.
 */
public final class NeedMoreInput extends RuntimeException {
    private static final long serialVersionUID = 1L;
    public static final NeedMoreInput INSTANCE = new NeedMoreInput();

    private NeedMoreInput() {
        super("need more input", null, false, false);
    }
}
