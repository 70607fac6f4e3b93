package dev.rpcpool.codec;

import java.util.Objects;

/**
 * The header of a request, as Go's {@code rpc.Request}: the {@code "Service.Method"} to call and
 * the sequence number chosen by the client. Immutable.
 */
public record RequestHeader(String serviceMethod, long seq) {
    public RequestHeader {
        Objects.requireNonNull(serviceMethod, "serviceMethod");
    }
}
