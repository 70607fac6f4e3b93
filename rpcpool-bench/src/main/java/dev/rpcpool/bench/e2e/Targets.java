package dev.rpcpool.bench.e2e;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The targets, measured: each compares medians from the same run, so machine noise moves
 * both sides alike. A target whose configurations were not run (a {@code --quick} run) is left out.
 *
 * <p>Thread-safety: stateless apart from the immutable summary it reads.
 */
public final class Targets {
    /**
     * rpcpool's ways to call (blocking calls in either pool mode, and blocking calls whose callers
     * poll for their replies, {@code SyncWait.SPIN}; {@code callAsync} chains with direct
     * callbacks in either mode; blocking calls from virtual threads in either mode, on Java 21+), and the Go client
     * modes, that the targets against Go and the raw echo pick the best of: each side as a user who
     * wants speed would run it.
     */
    static final List<String> RPCPOOL_POOLS = List.of("rpcpool-multiplexed", "rpcpool-exclusive", "rpcpool-async",
            "rpcpool-exclusive-async", "rpcpool-spin", "rpcpool-vthreads", "rpcpool-exclusive-vthreads");
    static final List<String> GO_CLIENTS = List.of("go-tutorial", "go-shared");
    /**
     * gobench's lockstep mode: each caller writes and reads its own connection inline, no reader
     * goroutine. Not Go's {@code rpc.Client}, so not one of {@link #GO_CLIENTS}: a probe of how many
     * calls per second the server allows a client that does not pipeline (all of them at c1).
     */
    static final String LOCKSTEP = "go-lockstep";
    /**
     * {@link JavaLockstepClient}: the same probe in Java, each caller doing its own I/O on a blocking
     * socket with rpcpool's codec. Not an rpcpool pool mode, so never "ours" in a target: it shows,
     * beside the 7× rows, what the JVM gets when no thread hands a call to another.
     */
    static final String JAVA_LOCKSTEP = "java-lockstep";
    /**
     * The rpcpool Java server as run by the script: {@code rpcpool serve} (methods on a worker pool)
     * and {@code rpcpool serve --direct} (methods on the I/O thread).
     */
    static final List<String> JAVA_SERVERS = List.of("java", "java-direct");

    /**
     * One measured target.
     *
     * @param ratio the measured ratio (for the latency claim: the fraction by which p50 went down)
     * @param goal the ratio the target asks for
     * @param detail what was compared, with the raw medians
     */
    public record Row(String target, String workload, int concurrency, double ratio, double goal, boolean met,
            String detail) {
    }

    /** The latency row's target: its ratio is the fraction by which p50 went down. */
    static final String TUTORIAL_CLAIM = "the tutorial's claim: pooling cuts latency by about 40% (c1, p50)";

    private final Summary summary;

    public Targets(Summary summary) {
        this.summary = summary;
    }

    /** Every target that can be computed from the summary, in the order. */
    public List<Row> rows() {
        List<Row> out = new ArrayList<>();
        vsGo(out, "go", "rpcpool ≥ Go's net/rpc client (same Go server; calls/s, p99 no worse)");
        for (String server : JAVA_SERVERS) {
            vsGo(out, server, "rpcpool ≥ Go's net/rpc client (same rpcpool Java server; calls/s, p99 no worse)");
        }
        for (String w : workloads()) {
            for (int c : concurrencies()) {
                ratioRow(out, "rpcpool ≥ 2× gRPC-java (Java client → Java server)", w, c, 2,
                        summary.get("rpcpool-multiplexed", "java", w, c), summary.get("grpc-java", "grpc", w, c));
            }
        }
        for (String w : workloads()) {
            Optional<Summary.Row> dial = summary.get("rpcpool-dial", "go", w, 16);
            String otherClients = otherClientsNote(w, dial);
            for (String mode : RPCPOOL_POOLS) {
                ratioRow(out, "rpcpool ≥ 7× a connection per call (c16)", w, 16, 7,
                        summary.get(mode, "go", w, 16), dial, otherClients);
            }
        }
        for (String w : workloads()) {
            for (int c : concurrencies()) {
                Optional<Summary.Row> ours = best(RPCPOOL_POOLS, List.of("go"), w, c);
                Optional<Summary.Row> echo = summary.get("raw-echo", "rawecho", w, c);
                ratioRow(out, "rpcpool ≥ 50% of the raw TCP echo ceiling (Go server)", w, c, 0.5, ours, echo,
                        lockstepNote(ours, echo, summary.get(LOCKSTEP, "go", w, c)));
            }
        }
        for (String w : workloads()) {
            for (int c : concurrencies()) {
                ratioRow(out, "rpcpool ≥ 50% of the raw TCP echo ceiling (rpcpool Java server)", w, c, 0.5,
                        best(RPCPOOL_POOLS, JAVA_SERVERS, w, c), summary.get("raw-echo", "rawecho", w, c));
            }
        }
        for (String w : workloads()) {
            Optional<Summary.Row> pooled = summary.get("rpcpool-multiplexed", "go", w, 1);
            Optional<Summary.Row> dialing = summary.get("rpcpool-dial", "go", w, 1);
            if (pooled.isPresent() && dialing.isPresent()) {
                double p = pooled.get().p50Micros();
                double d = dialing.get().p50Micros();
                double down = 1 - p / d;
                out.add(new Row(TUTORIAL_CLAIM, w, 1, down, 0.4, down >= 0.4, String.format(Locale.ROOT,
                        "p50 %s µs pooled (multiplexed) vs %s µs dialing: %.1f× faster", us(p), us(d), d / p)));
            }
        }
        return out;
    }

    private void ratioRow(List<Row> out, String target, String w, int c, double goal, Optional<Summary.Row> ours,
            Optional<Summary.Row> theirs) {
        ratioRow(out, target, w, c, goal, ours, theirs, "");
    }

    /** As above, with {@code note} appended to the row's detail. */
    private void ratioRow(List<Row> out, String target, String w, int c, double goal, Optional<Summary.Row> ours,
            Optional<Summary.Row> theirs, String note) {
        ours.ifPresent(p -> theirs.ifPresent(t -> {
            double ratio = p.qps() / t.qps();
            out.add(new Row(target, w, c, ratio, goal, ratio >= goal, String.format(Locale.ROOT,
                    "%s %s vs %s %s calls/s%s", p.config().series(), calls(p), t.config().series(), calls(t), note)));
        }));
    }

    /**
     * What other blocking clients make of the same server against the same connection per call, for
     * the 7× rows: Go's own (a pool of the tutorial's design, one shared {@code rpc.Client}) and
     * {@link #JAVA_LOCKSTEP}; empty if none of them was run.
     */
    private String otherClientsNote(String w, Optional<Summary.Row> dial) {
        StringBuilder note = new StringBuilder();
        for (String go : GO_CLIENTS) {
            summary.get(go, "go", w, 16).ifPresent(g -> dial.ifPresent(d -> note.append(note.length() == 0
                    ? "; Go's own clients: " : ", ").append(String.format(Locale.ROOT, "%s %.2f×",
                    g.config().series(), g.qps() / d.qps()))));
        }
        summary.get(JAVA_LOCKSTEP, "go", w, 16).ifPresent(j -> dial.ifPresent(d -> note.append(String.format(
                Locale.ROOT, "; Java callers doing their own I/O on blocking sockets (%s): %.2f×", j.config().series(),
                j.qps() / d.qps()))));
        return note.toString();
    }

    /**
     * What Go's server allows a client that does not pipeline (the lockstep client's calls/s as a
     * share of the echo) and rpcpool's share of that, for the raw-echo rows; empty if not run.
     */
    private static String lockstepNote(Optional<Summary.Row> ours, Optional<Summary.Row> echo,
            Optional<Summary.Row> lockstep) {
        if (ours.isEmpty() || echo.isEmpty() || lockstep.isEmpty()) {
            return "";
        }
        double ceiling = lockstep.get().qps();
        return String.format(Locale.ROOT, "; %s (a client that only writes and reads) %s calls/s = %.0f%% of the"
                + " echo, rpcpool %.0f%% of that", lockstep.get().config().series(), calls(lockstep.get()),
                100 * ceiling / echo.get().qps(), 100 * ours.get().qps() / ceiling);
    }

    /**
     * The best rpcpool way against the best Go client, both calling {@code server}: faster, with a
     * p99 no worse.
     */
    private void vsGo(List<Row> out, String server, String target) {
        for (String w : workloads()) {
            for (int c : concurrencies()) {
                best(RPCPOOL_POOLS, List.of(server), w, c).ifPresent(p -> best(GO_CLIENTS, List.of(server), w, c)
                        .ifPresent(g -> {
                            double ratio = p.qps() / g.qps();
                            out.add(new Row(target, w, c, ratio, 1, ratio >= 1 && p.p99Micros() <= g.p99Micros(),
                                    String.format(Locale.ROOT, "%s %s vs %s %s calls/s; p99 %s vs %s µs",
                                            p.config().series(), calls(p), g.config().series(), calls(g),
                                            us(p.p99Micros()), us(g.p99Micros()))));
                        }));
            }
        }
    }

    /** The configuration with the most calls/s among the contenders on any of the servers, if any was run. */
    private Optional<Summary.Row> best(List<String> contenders, List<String> servers, String w, int c) {
        return servers.stream().flatMap(server -> contenders.stream().map(name -> summary.get(name, server, w, c)))
                .flatMap(Optional::stream).max(Comparator.comparingDouble(Summary.Row::qps));
    }

    private List<String> workloads() {
        return summary.rows().stream().map(r -> r.config().workload()).distinct().toList();
    }

    private List<Integer> concurrencies() {
        return summary.rows().stream().map(r -> r.config().concurrency()).distinct().sorted().toList();
    }

    static String calls(Summary.Row r) {
        return String.format(Locale.ROOT, "%,.0f", r.qps());
    }

    static String us(double micros) {
        return String.format(Locale.ROOT, "%,.0f", micros);
    }
}
