package dev.rpcpool.codec;

import java.util.Objects;

/**
 * A request read by a {@link ServerCodec}: its header, the decoded argument ({@code null} if the
 * method is unknown or the body failed to decode), and {@code bodyError}, a message saying why the
 * body could not be decoded into the argument type ({@code null} when it could). Immutable.
 */
public record DecodedRequest(RequestHeader header, Object args, String bodyError) {
    public DecodedRequest {
        Objects.requireNonNull(header, "header");
    }
}
