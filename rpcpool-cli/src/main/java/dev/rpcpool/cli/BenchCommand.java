package dev.rpcpool.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rpcpool.RpcClientPool;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rpcpool bench}: a load generator (closed loop or fixed rate) against any net/rpc server. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Load against any net/rpc server; prints calls/s and latency percentiles.",
            "%nN callers, each waiting for its reply before making the next call (or, with --async, N chains of "
                + "callAsync); or, with --rate, calls started on a fixed schedule, at most N outstanding. A progress "
                + "line shows while it runs; then calls/s, latency percentiles (microseconds), errors, connections "
                + "opened, and what a call cost the client: heap bytes, CPU time and context switches."},
        footer = {"", "Examples:",
            "  rpcpool bench --addr 127.0.0.1:1234 --mode multiplexed --concurrency 16 --duration 5s \\",
            "      Arith.Multiply '{\"A\":7,\"B\":8}'",
            "  rpcpool bench --addr 127.0.0.1:1234 --virtual-threads --concurrency 1000 Arith.Multiply '{\"A\":7,\"B\":8}'",
            "  rpcpool bench --addr 127.0.0.1:1234 --rate 20000 --concurrency 64 Arith.Multiply '{\"A\":7,\"B\":8}'"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    TargetOptions target;

    @Option(names = "--mode", defaultValue = "multiplexed", paramLabel = "dial|exclusive|multiplexed",
            description = "dial: a new connection per call; exclusive or multiplexed: RpcClientPool. Default: ${DEFAULT-VALUE}.")
    BenchMode mode;

    @Option(names = "--concurrency", defaultValue = "16", description = "Callers. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--async", description = "Keep --concurrency calls outstanding with callAsync, each started when the "
        + "previous one completes, instead of one blocked thread per caller (pool modes only). "
        + "Replies complete on the I/O thread (RpcClientPool.Builder.directCallbacks()).")
    boolean async;

    @Option(names = "--virtual-threads", description = "Run the blocking callers on virtual threads (Java 21 or "
        + "newer): a caller waiting for its reply unmounts from its carrier thread instead of parking an OS thread, "
        + "so a reply wakes no thread through the kernel while the carriers have work. Not with --async or --rate, "
        + "which have no caller threads.")
    boolean virtualThreads;

    @Option(names = "--rate", defaultValue = "0", paramLabel = "CALLS/S",
            description = "Start this many calls a second on a fixed schedule (with callAsync, at most --concurrency "
                + "outstanding) instead of a closed loop; each latency counts from when its call was due, so "
                + "waits behind slow calls show. Two clients at the same rate load a server alike. Pool modes only. "
                + "Default: off.")
    double rate;

    @Option(names = "--sync-wait", defaultValue = "adaptive", paramLabel = "park|adaptive|spin",
            description = "How blocking callers wait for their replies (RpcClientPool.Builder.syncWait): adaptive "
                + "polls briefly while few callers wait, spin lets every caller poll (more calls/s from many "
                + "threads, for CPU time), park never polls. Default: ${DEFAULT-VALUE}.")
    SyncWaitChoice syncWait;

    @Option(names = "--duration", defaultValue = "5s", paramLabel = "DURATION",
            description = "Measured time, after --warmup. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--warmup", defaultValue = "1s", paramLabel = "DURATION",
            description = "Load before measuring, not counted: JIT compilation and dialing happen here. Default: ${DEFAULT-VALUE}.")
    Duration warmup;

    @Option(names = "--max-connections", defaultValue = "" + RpcClientPool.DEFAULT_MAX_CONNECTIONS, paramLabel = "M",
            description = "Pool cap (ignored by dial). Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--max-in-flight", defaultValue = "" + RpcClientPool.DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION, paramLabel = "N",
            description = "Calls one connection carries at once in multiplexed mode; a new connection opens "
                + "when all are full (RpcClientPool.Builder.maxInFlightPerConnection). Default: ${DEFAULT-VALUE}.")
    int maxInFlight;

    @Option(names = "--io-threads", paramLabel = "N",
            description = "I/O (event loop) threads of the client (EventLoopResources.create(N)). Default: one per "
                + "core. With one, a call started on the I/O thread never wakes another.")
    Integer ioThreads;

    @Option(names = "--payload", defaultValue = "0", paramLabel = "BYTES",
            description = "Send this many bytes as the argument (for Echo.Bytes) instead of JSON-ARGS.")
    int payload;

    @Option(names = "--json", description = "Print one JSON object (calls, qps, p50_us, p90_us, p99_us, max_us, errors, connections_opened, and what a call cost this JVM after the warm-up, where it can be counted: alloc_bytes_per_call (heap bytes), cpu_us_per_call (CPU time, all threads), context_switches_per_call (Linux); with --rate also start_lag_p50_us, start_lag_p99_us and start_lag_max_us, how late calls started against the schedule, which the latencies include) and nothing else on stdout.")
    boolean json;

    @Parameters(index = "0", paramLabel = "Service.Method", description = "Method to call.")
    String method;

    @Parameters(index = "1", paramLabel = "JSON-ARGS", defaultValue = "null", description = "The argument as JSON.")
    String args;

    @Override
    public Integer call() throws Exception {
        PrintWriter err = spec.commandLine().getErr();
        String tooFew = concurrency < 1 ? "--concurrency" : maxConnections < 1 ? "--max-connections"
                : maxInFlight < 1 ? "--max-in-flight" : ioThreads != null && ioThreads < 1 ? "--io-threads" : null;
        if (tooFew != null) {
            err.println("rpcpool: " + tooFew + " must be at least 1");
            return ExitCodes.USAGE;
        }
        if (async && mode == BenchMode.dial) {
            err.println("rpcpool: --async needs --mode exclusive or multiplexed (dial opens a connection per call)");
            return ExitCodes.USAGE;
        }
        boolean paced = rate != 0;
        if (paced && (!(rate > 0) || Double.isInfinite(rate))) {
            err.println("rpcpool: --rate must be a positive number of calls per second, was " + rate);
            return ExitCodes.USAGE;
        }
        if (paced && mode == BenchMode.dial) {
            err.println("rpcpool: --rate needs --mode exclusive or multiplexed (its calls are asynchronous)");
            return ExitCodes.USAGE;
        }
        if (virtualThreads && (async || paced)) {
            err.println("rpcpool: --virtual-threads runs blocking callers; " + (async ? "--async" : "--rate")
                    + " makes asynchronous calls, which have no caller threads. Drop one of the two.");
            return ExitCodes.USAGE;
        }
        if (virtualThreads && !CallerThreads.virtualAvailable()) {
            err.println("rpcpool: --virtual-threads needs Java " + CallerThreads.VIRTUAL_THREADS_SINCE
                    + " or newer; this is Java " + Runtime.version() + " (" + System.getProperty("java.home")
                    + "). Run the same jar with a newer java, or drop --virtual-threads.");
            return ExitCodes.USAGE;
        }
        Workload workload;
        TlsOptions tls;
        try {
            workload = Workload.of(method, args, payload);
            tls = target.tlsOptions();
        } catch (IllegalArgumentException e) {
            return Failures.report(e, err);
        }
        PrintStream progress = json ? new PrintStream(PrintStream.nullOutputStream()) : System.err;
        LoadResult r;
        BenchClient.PoolSettings settings = new BenchClient.PoolSettings(maxConnections, maxInFlight,
                target.serverIdleTimeout, async || paced, syncWait.syncWait(),
                ioThreads == null ? EventLoopResources.DEFAULT_THREADS : ioThreads);
        try (BenchClient client = new BenchClient(mode, target.addr, target.codec.codec(), target.http, tls,
                target.timeout, settings, workload)) {
            try {
                client.call(); // fail early and clearly if the server is not there at all
            } catch (RuntimeException e) {
                return Failures.report(e, err);
            }
            String label = mode.name() + (paced ? "-rate" : async ? "-async" : virtualThreads ? "-vthreads" : "");
            LoadGenerator load = new LoadGenerator(label, concurrency, warmup, duration, progress);
            if (paced) {
                r = load.runAtRate(client::callAsync, rate, client.pacingExecutors(), client::connectionsOpened);
            } else if (async) {
                r = load.runAsync(client::callAsync, client::connectionsOpened);
            } else {
                r = load.run(client::call, client::connectionsOpened,
                        virtualThreads ? CallerThreads.virtual(label) : CallerThreads.platform(label));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(new ObjectMapper().writeValueAsString(r.toJsonFields()));
        } else {
            String shape = paced ? String.format("%s %s at %,.0f calls/s offered (at most %d outstanding)", mode, method,
                    rate, concurrency) : String.format("%s%s %s x%d", mode, async ? " async" : virtualThreads
                    ? " (virtual threads)" : "", method, concurrency);
            out.printf("%s for %s (%s, %s): %,.0f calls/s  p50 %d us  p90 %d us  p99 %d us  max %d us  "
                    + "errors %d  connections opened %d%s%n", shape, DurationConverter.format(duration),
                    target.addr, target.codec, r.qps(), r.p50Micros(), r.p90Micros(), r.p99Micros(), r.maxMicros(),
                    r.errors(), r.connectionsOpened(),
                    r.perCall().describe() + r.startLag().describe());
        }
        out.flush();
        return ExitCodes.OK;
    }
}
