package dev.rpcpool.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Turns the JSON a user types on the command line into the dynamic values both codecs encode:
 * an object becomes a {@code Map<String,Object>} (a Go struct), an array a {@code List}, a number
 * without a fraction a {@code Long} (a Go {@code int}), any other number a {@code Double}, and
 * strings, booleans and {@code null} stay what they are.
 *
 * <p>Thread-safety: stateless apart from a thread-safe {@link ObjectMapper}; thread-safe.
 */
final class JsonArgs {
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonArgs() {}

    /**
     * Parses {@code json} into a dynamic value.
     *
     * @throws IllegalArgumentException if it is not one valid JSON value, saying where it broke
     */
    static Object parse(String json) {
        try {
            return toValue(MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("arguments are not valid JSON: " + e.getOriginalMessage()
                    + " (at column " + e.getLocation().getColumnNr() + ")."
                    + " Quote the JSON for your shell, e.g. '{\"A\":7,\"B\":8}'", e);
        }
    }

    /** Renders a decoded reply as JSON for stdout. */
    static String render(Object value) {
        try {
            return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot render the reply as JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static Object toValue(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            throw new IllegalArgumentException("arguments are empty; give one JSON value, e.g. '{\"A\":7,\"B\":8}' or 42");
        }
        if (node.isObject()) {
            Map<String, Object> m = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                m.put(e.getKey(), toValue(e.getValue()));
            }
            return m;
        }
        if (node.isArray()) {
            List<Object> list = new ArrayList<>(node.size());
            node.forEach(n -> list.add(toValue(n)));
            return list;
        }
        if (node.isIntegralNumber()) {
            if (!node.canConvertToLong()) {
                throw new IllegalArgumentException("the integer " + node.asText() + " does not fit in a Go int (64 bits)");
            }
            return node.longValue();
        }
        if (node.isNumber()) {
            return node.doubleValue();
        }
        if (node.isTextual()) {
            return node.textValue();
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        return null;
    }
}
