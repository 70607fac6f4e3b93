package dev.rpcpool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcpool.codec.jsonrpc.JsonRpcCodec;
import dev.rpcpool.demo.Args;
import dev.rpcpool.demo.Quotient;
import java.lang.reflect.Type;
import java.util.Map;

/**
 * What one benchmark call sends: a method, its argument and the reply type. The demo services'
 * methods get their typed Java form ({@code Args}, {@code byte[]} ...), as a real application
 * would send; any other method sends the JSON arguments as dynamic values and reads any reply.
 *
 * <p>Thread-safety: immutable (the argument object is shared by every caller and never mutated).
 */
record Workload(String method, Object args, Type replyType) {
    private static final ObjectMapper GO_STYLE = JsonRpcCodec.goStyleMapper();
    private static final Map<String, Class<?>[]> DEMO_TYPES = Map.of(
            "Arith.Multiply", new Class<?>[] {Args.class, Integer.class},
            "Arith.Divide", new Class<?>[] {Args.class, Quotient.class},
            "Echo.Echo", new Class<?>[] {String.class, String.class},
            "Echo.Bytes", new Class<?>[] {byte[].class, byte[].class},
            "Sleep.Millis", new Class<?>[] {Integer.class, Integer.class});

    /**
     * @param payloadBytes when positive, the argument is this many bytes (for {@code Echo.Bytes})
     *     instead of {@code json}
     * @throws IllegalArgumentException if the JSON is invalid or does not fit the demo method
     */
    static Workload of(String method, String json, int payloadBytes) {
        if (payloadBytes > 0) {
            byte[] blob = new byte[payloadBytes];
            for (int i = 0; i < blob.length; i++) {
                blob[i] = (byte) i;
            }
            return new Workload(method, blob, DEMO_TYPES.containsKey(method) ? byte[].class : Object.class);
        }
        Object dynamic = JsonArgs.parse(json);
        Class<?>[] types = DEMO_TYPES.get(method);
        if (types == null) {
            return new Workload(method, dynamic, Object.class);
        }
        try {
            return new Workload(method, GO_STYLE.convertValue(dynamic, types[0]), types[1]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("arguments " + json + " do not fit " + method + " (it takes "
                    + types[0].getSimpleName() + "): " + e.getMessage(), e);
        }
    }
}
