package dev.rpcpool.internal;

import dev.rpcpool.pool.AsyncConnector;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.ServerErrorException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * The pool's view of {@link RpcClient}s: connect with a deadline (or in the background, so a
 * connect can outlive a caller with a short deadline), a cheap "is the socket open"
 * check, and a health probe that works against any Go {@code net/rpc} server.
 *
 * <p>The default probe calls a service that does not exist: a live server answers with the server
 * error {@code rpc: can't find service ...}, which proves the connection and the server's read loop
 * alive, costs one round trip, and has no side effects. A user-given probe method counts as healthy
 * when it returns or fails with a server error.
 *
 * <p>Thread-safety: immutable and thread-safe, as {@link Connector} requires.
 */
public final class RpcClientConnector implements AsyncConnector<RpcClient> {
    private final RpcConnector connector;
    private final InetSocketAddress address;
    private final String probeMethod;
    private final Object probeArgs;

    public RpcClientConnector(RpcConnector connector, InetSocketAddress address, String probeMethod, Object probeArgs) {
        this.connector = connector;
        this.address = address;
        this.probeMethod = probeMethod;
        this.probeArgs = probeArgs;
    }

    @Override
    public RpcClient connect(Duration timeout) throws Exception {
        return connector.connect(address, timeout);
    }

    /**
     * Bounded by the {@link RpcConnector}'s own connect timeout, which the pool's builder sets to the
     * pool's. Completes on the I/O thread, as {@link AsyncConnector} allows: the pool only wakes the
     * waiting caller there, and moves anything more to another thread.
     */
    @Override
    public CompletableFuture<RpcClient> connectAsync(Duration timeout) {
        return connector.connectAsync(address, Runnable::run);
    }

    @Override
    public boolean validate(RpcClient client, Duration timeout) {
        try {
            client.call(probeMethod, probeArgs, Object.class, timeout);
            return true;
        } catch (ServerErrorException expected) {
            return true; // the server read, dispatched and answered: alive
        } catch (RuntimeException dead) {
            return false;
        }
    }

    @Override
    public boolean isOpen(RpcClient client) {
        return client.isActive();
    }

    @Override
    public void close(RpcClient client) {
        client.close();
    }
}
