package dev.rpcpool.codec;

/**
 * A {@code net/rpc} wire codec: a factory of per-connection encoder/decoder state.
 *
 * <p>Thread-safety: implementations are immutable and safe to share between any number of
 * connections and threads. The objects they create are not: each belongs to one connection.
 */
public interface Codec {

    /** Short name used in messages and on the command line, for example {@code "gob"} or {@code "json"}. */
    String name();

    /**
     * Creates the state for the client side of one new connection.
     *
     * @param maxMessageBytes the largest single message (frame) the decoder accepts; larger input
     *     fails with {@link CodecException} before it is buffered
     */
    ClientCodec newClientCodec(int maxMessageBytes);

    /**
     * Creates the state for the server side of one new connection.
     *
     * @param maxMessageBytes the largest single message (frame) the decoder accepts; larger input
     *     fails with {@link CodecException} before it is buffered
     */
    ServerCodec newServerCodec(int maxMessageBytes);
}
