package dev.rpcpool.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads the JSON file JMH writes with {@code -rf json}. */
public final class JmhResults {
    // JMH 1.37 names it plainly; older versions put a middle dot before the -prof gc metric names.
    private static final String[] ALLOC_NORM_KEYS = {"\u00b7gc.alloc.rate.norm", "gc.alloc.rate.norm"};

    private JmhResults() {}

    /** Parses every result in {@code file}, in the order JMH ran them. */
    public static List<JmhRow> read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<JmhRow> rows = new ArrayList<>();
        for (JsonNode result : root) {
            rows.add(toRow(result));
        }
        return rows;
    }

    private static JmhRow toRow(JsonNode result) {
        String fullName = result.path("benchmark").asText();
        int lastDot = fullName.lastIndexOf('.');
        String className = fullName.substring(0, lastDot);
        String simpleClass = className.substring(className.lastIndexOf('.') + 1);
        String method = fullName.substring(lastDot + 1);

        Map<String, String> params = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> fields = result.path("params").fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> e = fields.next();
            params.put(e.getKey(), e.getValue().asText());
        }

        JsonNode primary = result.path("primaryMetric");
        return new JmhRow(
                simpleClass,
                method,
                result.path("threads").asInt(1),
                params,
                primary.path("score").asDouble(),
                number(primary.path("scoreError")),
                number(primary.path("scorePercentiles").path("50.0")),
                number(primary.path("scorePercentiles").path(lowerIsBetter(primary) ? "0.0" : "100.0")),
                primary.path("scoreUnit").asText(),
                allocNorm(result.path("secondaryMetrics")));
    }

    /** Time per operation: the best iteration is the lowest; operations per time: the highest. */
    private static boolean lowerIsBetter(JsonNode primary) {
        return primary.path("scoreUnit").asText().endsWith("/op");
    }

    private static double allocNorm(JsonNode secondary) {
        for (String key : ALLOC_NORM_KEYS) {
            if (secondary.has(key)) {
                return secondary.get(key).path("score").asDouble();
            }
        }
        return Double.NaN;
    }

    /** JMH writes "NaN" as a string when it cannot compute an error. */
    private static double number(JsonNode node) {
        return node.isNumber() ? node.asDouble() : Double.NaN;
    }
}
