package dev.rpcpool.bench.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One client run as {@code run-e2e.sh} recorded it: which configuration, the machine's 1-minute
 * load average when it ended, and what the client printed (the keys of {@code rpcpool bench --json}).
 * Latencies are in microseconds; {@code perCall} is what the client said a call cost its process
 * (heap bytes, CPU, context switches), as far as it counts them. Immutable.
 */
public record RunRecord(int round, String contender, String server, String workload, int concurrency,
        double load1, double qps, long p50Micros, long p99Micros, long errors, long connectionsOpened,
        ClientCost perCall) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The configuration this run belongs to. */
    public Config config() {
        return new Config(contender, server, workload, concurrency);
    }

    /**
     * Reads the JSON lines file; blank lines are skipped.
     *
     * @throws IllegalArgumentException naming the line, if a line lacks a field or is not JSON
     * @throws UncheckedIOException if the file cannot be read
     */
    public static List<RunRecord> readLines(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        List<RunRecord> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (!lines.get(i).isBlank()) {
                try {
                    out.add(parse(lines.get(i)));
                } catch (IOException | RuntimeException e) {
                    throw new IllegalArgumentException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
                }
            }
        }
        return out;
    }

    static RunRecord parse(String line) throws IOException {
        JsonNode n = JSON.readTree(line);
        return new RunRecord(field(n, "round").asInt(), field(n, "contender").asText(), field(n, "server").asText(),
                field(n, "workload").asText(), field(n, "concurrency").asInt(), field(n, "load1").asDouble(),
                field(n, "qps").asDouble(), field(n, "p50_us").asLong(), field(n, "p99_us").asLong(),
                field(n, "errors").asLong(), field(n, "connections_opened").asLong(), ClientCost.of(n));
    }

    private static JsonNode field(JsonNode n, String name) {
        JsonNode v = n.get(name);
        if (v == null || v.isNull()) {
            throw new IllegalArgumentException("missing field \"" + name + "\"");
        }
        return v;
    }

    /** A configuration: a client mode, the server it calls, a workload and a concurrency. */
    public record Config(String contender, String server, String workload, int concurrency) {
        /** {@code contender → server}, as the tables and charts name a series. */
        public String series() {
            return contender + " → " + server;
        }
    }
}
