package dev.rpcpool.cli;

import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.transport.EventLoopResources;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code rpcpool serve}: the demo services for any net/rpc client, Go's included. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Serve the demo services to any net/rpc client (Go's included) until interrupted:",
            "  Arith.Multiply(Args{A, B int}) int, Arith.Divide(Args) Quotient{Quo, Rem int} (\"divide by zero\"),",
            "  Echo.Echo(string) string, Echo.Bytes([]byte) []byte, Sleep.Millis(int) int."})
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

    @Option(names = "--workers", defaultValue = "32", description = "Threads running service methods. Default: ${DEFAULT-VALUE}.")
    int workers;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        InetSocketAddress bind = HostPort.parse(addr);
        EventLoopResources loops = EventLoopResources.create();
        RpcServerOptions.Builder options = RpcServerOptions.builder(codec.codec()).workerThreads(workers);
        if (http) {
            options.http();
        }
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
        out.printf("rpcpool: serving Arith, Echo, Sleep on %s:%d (%s%s); Ctrl-C stops%n",
                bound.getHostString(), bound.getPort(), codec, http ? ", HTTP CONNECT" : "");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
