package dev.rpcpool.codec;

import java.util.Objects;

/**
 * A response read by a {@link ClientCodec}: its header, the decoded reply, which is {@code null}
 * when the header carries an error, when the reply body was discarded, when it failed to decode, or
 * when the server sent a JSON {@code null} result; and {@code bodyError}, a message saying why an
 * intact reply body could not be decoded into the caller's reply type ({@code null} when it could).
 * A body error fails only that call: the stream is intact and the connection stays usable, as in
 * Go's client ({@code "reading body ..."}). Immutable.
 */
public record DecodedResponse(ResponseHeader header, Object reply, String bodyError) {
    public DecodedResponse {
        Objects.requireNonNull(header, "header");
    }

    /** A response whose body decoded (or was discarded) without error. */
    public DecodedResponse(ResponseHeader header, Object reply) {
        this(header, reply, null);
    }
}
