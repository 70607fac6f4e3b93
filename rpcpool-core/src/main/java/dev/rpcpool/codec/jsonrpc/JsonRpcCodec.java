package dev.rpcpool.codec.jsonrpc;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.rpcpool.codec.ClientCodec;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.ServerCodec;
import dev.rpcpool.codec.jsonrpc.internal.JsonRpcClientCodec;
import dev.rpcpool.codec.jsonrpc.internal.JsonRpcServerCodec;
import dev.rpcpool.codec.jsonrpc.internal.JsonSupport;
import java.util.Objects;

/**
 * Go's {@code net/rpc/jsonrpc} codec (JSON-RPC 1.0): a request is
 * {@code {"method":"Arith.Multiply","params":[{"A":7,"B":8}],"id":0}} plus a newline, a reply
 * {@code {"id":0,"result":56,"error":null}} or {@code {"id":1,"result":null,"error":"divide by zero"}}.
 *
 * <p>Values are mapped the way Go's {@code encoding/json} maps them: properties are written with
 * exported Go names (Java {@code record Args(int a, int b)} → {@code {"A":..,"B":..}}) and read
 * case-insensitively; unknown properties are ignored; {@code byte[]} is base64. A reply with
 * {@code result:null, error:null} (a Go method returning a nil slice) is a valid empty reply. The
 * server side echoes any JSON request id unchanged. Bad input the server closes the connection on:
 * malformed JSON, a message over the size limit, a top-level value that is not an object, a
 * non-string method, and a {@code params} that is present but not a one-element array. A missing
 * {@code params} is answered with Go's error {@code jsonrpc: request body missing params}, and a
 * parameter that does not fit the method's argument type with a decode error; the connection stays.
 *
 * <p>Thread-safety: immutable and thread-safe; the per-connection codecs it creates are not.
 */
public final class JsonRpcCodec implements Codec {
    private final JsonSupport json;

    /** A codec with Go's {@code encoding/json} conventions ({@link #goStyleMapper()}). */
    public JsonRpcCodec() {
        this(goStyleMapper());
    }

    /**
     * A codec that maps values with {@code mapper}; start from {@link #goStyleMapper()} to keep Go's
     * naming. The mapper must not be reconfigured afterwards.
     */
    public JsonRpcCodec(ObjectMapper mapper) {
        this.json = new JsonSupport(Objects.requireNonNull(mapper, "mapper"));
    }

    /**
     * A new Jackson mapper configured like Go's {@code encoding/json}: exported (capitalised)
     * property names on write, case-insensitive names on read, unknown properties ignored, no
     * fractional or string numbers silently coerced into integers.
     */
    public static ObjectMapper goStyleMapper() {
        return JsonMapper.builder()
                .propertyNamingStrategy(PropertyNamingStrategies.UPPER_CAMEL_CASE)
                .enable(MapperFeature.ACCEPT_CASE_INSENSITIVE_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .build();
    }

    @Override
    public String name() {
        return "json";
    }

    @Override
    public ClientCodec newClientCodec(int maxMessageBytes) {
        return new JsonRpcClientCodec(json, checkMax(maxMessageBytes));
    }

    @Override
    public ServerCodec newServerCodec(int maxMessageBytes) {
        return new JsonRpcServerCodec(json, checkMax(maxMessageBytes));
    }

    private static int checkMax(int maxMessageBytes) {
        if (maxMessageBytes < 64) {
            throw new IllegalArgumentException("maxMessageBytes must be >= 64, was " + maxMessageBytes);
        }
        return maxMessageBytes;
    }

    @Override
    public String toString() {
        return "JsonRpcCodec";
    }
}
