package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.gob.GobName;
import dev.rpcpool.codec.gob.GobUnsigned;

/**
 * Go's net/rpc header structs, as gob sends them: the source of the type definitions; header values
 * themselves are read and written by {@link HeaderType} without these records.
 */
final class RpcHeaders {
    private RpcHeaders() {}

    @GobName("Request")
    record Request(String serviceMethod, @GobUnsigned long seq) {}

    @GobName("Response")
    record Response(String serviceMethod, @GobUnsigned long seq, String error) {}

    /** What Go's server sends as the body of an error response ({@code invalidRequest}). */
    @GobName("struct {}")
    record InvalidRequest() {}

    static final JType REQUEST = JavaTypes.of(Request.class);
    static final JType RESPONSE = JavaTypes.of(Response.class);
    static final JType INVALID_REQUEST = JavaTypes.of(InvalidRequest.class);
    static final InvalidRequest INVALID = new InvalidRequest();
}
