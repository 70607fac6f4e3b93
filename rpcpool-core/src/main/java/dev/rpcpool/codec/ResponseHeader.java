package dev.rpcpool.codec;

import java.util.Objects;

/**
 * The header of a response, as Go's {@code rpc.Response}: echoes the request's method and sequence
 * number; {@code error} is empty when the call succeeded, else the server's error text. Immutable.
 */
public record ResponseHeader(String serviceMethod, long seq, String error) {
    public ResponseHeader {
        Objects.requireNonNull(serviceMethod, "serviceMethod");
        Objects.requireNonNull(error, "error (use \"\" for success)");
    }

    /** True when the remote method returned an error (Go's {@code Response.Error != ""}). */
    public boolean isError() {
        return !error.isEmpty();
    }
}
