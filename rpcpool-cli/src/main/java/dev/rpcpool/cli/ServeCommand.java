package dev.rpcpool.cli;

import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rpcpool serve}: the demo services for any net/rpc client, Go's included. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the demo services to any net/rpc client (Go's included) until interrupted.",
            "%nServices:",
            "  Arith.Multiply(Args{A, B int}) int",
            "  Arith.Divide(Args) Quotient{Quo, Rem int}  (error \"divide by zero\")",
            "  Echo.Echo(string) string",
            "  Echo.Bytes([]byte) []byte",
            "  Sleep.Millis(int) int"})
final class ServeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--addr", defaultValue = "127.0.0.1:1234", paramLabel = "HOST:PORT",
            description = "Address to listen on (port 0 picks a free one). Default: ${DEFAULT-VALUE}.")
    String addr;

    @Option(names = "--codec", defaultValue = "gob", paramLabel = "gob|json",
            description = "Wire codec. Default: ${DEFAULT-VALUE}.")
    CodecChoice codec;

    @Option(names = "--http", description = "Expect Go's HTTP CONNECT handshake first (as rpc.HandleHTTP).")
    boolean http;

    @Option(names = "--tls", description = "Serve TLS only (needs --cert and --key); plaintext clients are refused.")
    boolean tls;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM certificate (chain) of this server. Implies --tls.")
    Path cert;

    @Option(names = "--key", paramLabel = "FILE", description = "Unencrypted PKCS#8 PEM private key of --cert.")
    Path key;

    @Option(names = "--ca", paramLabel = "FILE", description = "Require client certificates issued by the CA(s) in "
            + "this PEM file (mutual TLS). Implies --tls.")
    Path ca;

    @Option(names = "--workers", defaultValue = "32", description = "Threads running service methods. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Option(names = "--direct", description = "Run service methods on the I/O threads, with no hand-off to a worker"
            + " (RpcServerOptions.directExecutor()): fastest for Arith and Echo, which only compute; Sleep then holds up"
            + " every connection on its I/O thread while it sleeps. --workers is ignored.")
    boolean direct;

    @Option(names = "--stats", paramLabel = "DURATION",
            description = "Print a line every DURATION (e.g. 10s) with the requests answered in it, per method, and how "
                + "many failed; quiet intervals print nothing. Default: off.")
    Duration stats;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress bind = HostPort.parse(addr);
        RpcServerOptions.Builder options = RpcServerOptions.builder(codec.codec()).workerThreads(workers);
        if (direct) {
            options.directExecutor();
        }
        TlsOptions tlsOptions;
        try {
            tlsOptions = TlsFlags.server(tls, ca, cert, key);
            options.tls(tlsOptions);
        } catch (IllegalArgumentException e) {
            return Failures.report(e, spec.commandLine().getErr());
        }
        if (http) {
            options.http();
        }
        if (stats != null && (stats.isZero() || stats.isNegative())) {
            spec.commandLine().getErr().println("rpcpool: --stats must be a positive duration, such as 10s");
            return ExitCodes.USAGE;
        }
        RequestStats counts = stats == null ? null : new RequestStats();
        if (counts != null) {
            options.requestListener(counts);
        }
        EventLoopResources loops = EventLoopResources.create();
        RpcServer server = DemoServices.registerAll(new RpcServer(loops, options.build()));
        InetSocketAddress bound;
        try {
            bound = server.start(bind);
        } catch (RuntimeException e) {
            loops.close();
            spec.commandLine().getErr().println("rpcpool: " + e.getMessage());
            return ExitCodes.UNREACHABLE;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.shutdown(Duration.ofSeconds(5));
            loops.close();
            stopped.countDown();
        }, "rpcpool-serve-shutdown"));
        String tlsNote = tlsOptions == null ? "" : tlsOptions.requireClientCertificates() ? ", mutual TLS" : ", TLS";
        out.printf("rpcpool: serving Arith, Echo, Sleep on %s:%d (%s%s%s%s); Ctrl-C stops%n",
                bound.getHostString(), bound.getPort(), codec, http ? ", HTTP CONNECT" : "", tlsNote,
                direct ? ", methods run on the I/O threads" : "");
        out.flush();
        if (counts != null) {
            printEvery(stats, counts, out);
        }
        stopped.await();
        return ExitCodes.OK;
    }

    /** Prints each interval's line from a daemon thread, so the shutdown hook alone decides when serve ends. */
    private static void printEvery(Duration interval, RequestStats counts, PrintWriter out) {
        ScheduledExecutorService printer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "rpcpool-serve-stats");
            t.setDaemon(true);
            return t;
        });
        printer.scheduleAtFixedRate(() -> {
            String line = counts.drain(interval);
            if (line != null) {
                out.println(line);
                out.flush();
            }
        }, interval.toNanos(), interval.toNanos(), TimeUnit.NANOSECONDS);
    }
}
