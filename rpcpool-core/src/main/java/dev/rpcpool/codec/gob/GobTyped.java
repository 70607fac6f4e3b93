package dev.rpcpool.codec.gob;

import java.lang.reflect.Type;
import java.util.Objects;

/**
 * A value to send as a declared Java type instead of its runtime class: pass it as an RPC argument
 * or return it from a service method when the runtime class says too little. A
 * {@code Map<String,Object>} is otherwise sent as a Go struct (dynamic values), and an empty list
 * would not declare its element type:
 *
 * <pre>{@code
 * Type mapOfAny = SomeClass.class.getDeclaredField("template").getGenericType(); // Map<String,Object>
 * client.call("Types.Dynamic", new GobTyped(map, mapOfAny), Object.class, timeout);  // a Go map[string]interface{}
 * }</pre>
 *
 * <p>Only the gob codec understands it. Immutable.
 *
 * @param value the value, not null
 * @param type the Java type to map it as (a {@code Class} or {@code ParameterizedType})
 */
public record GobTyped(Object value, Type type) {
    public GobTyped {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(type, "type");
    }
}
