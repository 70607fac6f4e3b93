package dev.rpcpool.soak;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.testing.FaultProxy;
import dev.rpcpool.transport.EventLoopResources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * A real {@link RpcServer} with the demo services behind a {@link FaultProxy}; the server can be
 * stopped and started again on the same port, as a restarted process would be.
 *
 * <p>Thread-safety: faults may be injected from one thread while clients call through the proxy.
 */
final class SoakTarget implements AutoCloseable {
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(1);

    final String name;
    final Codec codec;
    final FaultProxy proxy;
    private final EventLoopResources loops;
    private final int port;
    private volatile RpcServer server;

    SoakTarget(String name, Codec codec, EventLoopResources loops) throws IOException {
        this.name = name;
        this.codec = codec;
        this.loops = loops;
        this.server = newServer();
        this.port = server.start(new InetSocketAddress("127.0.0.1", 0)).getPort();
        this.proxy = new FaultProxy(new InetSocketAddress("127.0.0.1", port));
    }

    private RpcServer newServer() {
        return DemoServices.registerAll(new RpcServer(loops, RpcServerOptions.builder(codec).build()));
    }

    /** Where clients dial: the proxy. */
    String address() {
        return "127.0.0.1:" + proxy.address().getPort();
    }

    /** Stops the server: in-flight requests get up to a second, then every connection closes. */
    void stopServer() {
        server.shutdown(SHUTDOWN_GRACE);
    }

    /** Starts a new server on the same port, retrying while the old socket lingers. */
    void startServer() {
        TransportException last = null;
        for (int attempt = 0; attempt < 100; attempt++) {
            RpcServer next = newServer();
            try {
                next.start(new InetSocketAddress("127.0.0.1", port));
                server = next;
                return;
            } catch (TransportException e) {
                last = e;
                next.shutdown(Duration.ZERO);
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(50));
            }
        }
        throw last;
    }

    @Override
    public void close() {
        proxy.close();
        server.shutdown(SHUTDOWN_GRACE);
    }
}
