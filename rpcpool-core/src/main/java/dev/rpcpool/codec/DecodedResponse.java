package dev.rpcpool.codec;

import java.util.Objects;

/**
 * A response read by a {@link ClientCodec}: its header and the decoded reply, which is
 * {@code null} when the header carries an error, when the reply body was discarded, or when the
 * server sent a JSON {@code null} result. Immutable.
 */
public record DecodedResponse(ResponseHeader header, Object reply) {
    public DecodedResponse {
        Objects.requireNonNull(header, "header");
    }
}
