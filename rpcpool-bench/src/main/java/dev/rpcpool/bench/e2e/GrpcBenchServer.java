package dev.rpcpool.bench.e2e;

import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * A gRPC-java server of {@link GrpcBenchService} for the end-to-end benchmark, run as its own
 * process. Like the Go test servers it prints {@code LISTENING host:port} once it accepts
 * connections and exits when its standard input reaches end of file, so a benchmark script that
 * dies never leaves it behind.
 *
 * <pre>java -cp benchmarks.jar dev.rpcpool.bench.e2e.GrpcBenchServer [host:port]   (default 127.0.0.1:0)</pre>
 *
 * <p>The server keeps gRPC's default executor (a cached thread pool runs the handlers), the
 * configuration an application gets without tuning.
 */
public final class GrpcBenchServer {
    private GrpcBenchServer() {
    }

    /** Serves until standard input is closed. */
    public static void main(String[] args) throws IOException, InterruptedException {
        InetSocketAddress bind = E2eArgs.hostPort(args.length > 0 ? args[0] : "127.0.0.1:0");
        Server server = NettyServerBuilder.forAddress(bind).addService(GrpcBenchService.definition()).build().start();
        InetSocketAddress bound = (InetSocketAddress) server.getListenSockets().get(0);
        System.out.println("LISTENING " + bound.getHostString() + ":" + bound.getPort());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // wait for end of file: the parent has gone
        }
        server.shutdown().awaitTermination(5, TimeUnit.SECONDS);
        server.shutdownNow();
    }
}
