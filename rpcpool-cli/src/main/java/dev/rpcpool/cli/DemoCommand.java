package dev.rpcpool.cli;

import dev.rpcpool.RpcClientPool;
import dev.rpcpool.rpc.SyncWait;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.transport.EventLoopResources;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code rpcpool demo}: the project's main job in one command. Starts a server with the demo
 * services on a free loopback port, then runs one workload four ways (a new connection per call,
 * the EXCLUSIVE pool, the MULTIPLEXED pool with blocking callers, and with asynchronous calls) and
 * prints what each achieved.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Show what pooling does, measured on this machine in under half a minute.",
            "%nStarts a server with the demo services on a free loopback port and runs Arith.Multiply four "
                + "ways: a new connection per call (the tutorial's \"without a pool\"), RpcClientPool EXCLUSIVE, "
                + "RpcClientPool MULTIPLEXED with one blocked thread per caller, and MULTIPLEXED with callAsync "
                + "chains completed on the I/O thread. Prints calls/s, latency, connections opened, errors and "
                + "the speed-up over a new connection per call."})
final class DemoCommand implements Callable<Integer> {
    /** One way to run the workload; {@code async}: callAsync chains with direct callbacks. */
    private record Way(String label, BenchMode mode, boolean async) {
    }

    private static final List<Way> WAYS = List.of(
            new Way("new connection per call", BenchMode.dial, false),
            new Way("pool, EXCLUSIVE", BenchMode.exclusive, false),
            new Way("pool, MULTIPLEXED", BenchMode.multiplexed, false),
            new Way("pool, MULTIPLEXED, async", BenchMode.multiplexed, true));

    @Spec
    CommandSpec spec;

    @Option(names = "--concurrency", defaultValue = "16", description = "Callers. Default: ${DEFAULT-VALUE}.")
    int concurrency;

    @Option(names = "--duration", defaultValue = "5s", paramLabel = "DURATION",
            description = "Measured time per way, after a 1 s warm-up. Default: ${DEFAULT-VALUE}.")
    Duration duration;

    @Option(names = "--max-connections", defaultValue = "" + RpcClientPool.DEFAULT_MAX_CONNECTIONS, paramLabel = "M", description = "Pool cap. Default: ${DEFAULT-VALUE}.")
    int maxConnections;

    @Option(names = "--codec", defaultValue = "gob", paramLabel = "gob|json", description = "Default: ${DEFAULT-VALUE}.")
    CodecChoice codec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Workload workload = Workload.of("Arith.Multiply", "{\"A\":7,\"B\":8}", 0);
        try (EventLoopResources serverLoops = EventLoopResources.create()) {
            RpcServer server = DemoServices.registerAll(
                    new RpcServer(serverLoops, RpcServerOptions.builder(codec.codec()).build()));
            InetSocketAddress bound = server.start(new InetSocketAddress("127.0.0.1", 0));
            String addr = bound.getHostString() + ":" + bound.getPort();
            out.printf("rpcpool demo: Arith.Multiply(7, 8) over %s to an rpcpool server on %s,%n"
                    + "%d callers, %s per way after a 1s warm-up (client and server share this machine's %d cores)%n%n",
                    codec, addr, concurrency, DurationConverter.format(duration),
                    Runtime.getRuntime().availableProcessors());
            out.flush();
            List<String[]> rows = new ArrayList<>();
            double baseline = 0;
            try {
                for (Way way : WAYS) {
                    LoadResult r;
                    BenchClient.PoolSettings settings = new BenchClient.PoolSettings(maxConnections,
                            RpcClientPool.DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION, null, way.async(), SyncWait.ADAPTIVE,
                            EventLoopResources.DEFAULT_THREADS);
                    try (BenchClient client = new BenchClient(way.mode(), addr, codec.codec(), false, null,
                            Duration.ofSeconds(5), settings, workload)) {
                        LoadGenerator load = new LoadGenerator(way.label(), concurrency, Duration.ofSeconds(1),
                                duration, System.err);
                        r = way.async() ? load.runAsync(client::callAsync, client::connectionsOpened)
                                : load.run(client::call, client::connectionsOpened);
                    }
                    if (way.mode() == BenchMode.dial) {
                        baseline = r.qps();
                    }
                    rows.add(new String[] {way.label(), String.format("%,.0f", r.qps()),
                        String.format("%,d", r.p50Micros()), String.format("%,d", r.p99Micros()),
                        String.format("%,d", r.connectionsOpened()), String.format("%,d", r.errors()),
                        baseline > 0 ? String.format("%.1fx", r.qps() / baseline) : "-"});
                    out.printf("  done: %s%n", way.label());
                    out.flush();
                }
            } finally {
                server.shutdown(Duration.ofSeconds(2));
            }
            out.println();
            printTable(out, new String[] {"way", "calls/s", "p50 us", "p99 us", "connections", "errors", "speed-up"}, rows);
            out.println();
            out.println("connections = TCP connections the client opened (warm-up included); speed-up = calls/s over");
            out.println("a new connection per call; async = callAsync chains, each call started from the previous");
            out.println("one's callback on the I/O thread (directCallbacks). Reproduce against any server: rpcpool bench --help");
        }
        return ExitCodes.OK;
    }

    private static void printTable(PrintWriter out, String[] header, List<String[]> rows) {
        int[] width = new int[header.length];
        for (int i = 0; i < header.length; i++) {
            width[i] = header[i].length();
            for (String[] row : rows) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder line = new StringBuilder();
        for (String[] row : prepend(header, rows)) {
            line.setLength(0);
            for (int i = 0; i < row.length; i++) {
                line.append("  ");
                String cell = row[i];
                if (i == 0) {
                    line.append(cell).append(" ".repeat(width[i] - cell.length()));
                } else {
                    line.append(" ".repeat(width[i] - cell.length())).append(cell);
                }
            }
            out.println(line);
        }
        out.flush();
    }

    private static List<String[]> prepend(String[] header, List<String[]> rows) {
        List<String[]> all = new ArrayList<>(rows.size() + 1);
        all.add(header);
        all.addAll(rows);
        return all;
    }
}
