package dev.rpcpool.internal;

import dev.rpcpool.pool.AsyncConnector;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.ServerErrorException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

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
 * <p>With a quiet limit (from {@code serverIdleTimeout}), a connection with no call in flight and no
 * byte either way for longer than the limit is closed instead of handed out or probed: the server
 * may be closing it this very moment, and a request written now could cross its FIN. The pool
 * reports it as {@link dev.rpcpool.pool.CloseReason#NOT_OPEN} (or {@code VALIDATION_FAILED} when it
 * was due for a probe) and the caller gets another connection within its deadline.
 *
 * <p>Thread-safety: immutable and thread-safe, as {@link Connector} requires.
 */
public final class RpcClientConnector implements AsyncConnector<RpcClient> {
    private final RpcConnector connector;
    private final InetSocketAddress address;
    private final String probeMethod;
    private final Object probeArgs;
    /** Longest quiet time of a connection that may still be handed out; 0: no limit. */
    private final long maxQuietNanos;
    private final LongAdder closedAsQuiet = new LongAdder();

    /** @param maxQuietNanos see {@link #closedAsQuiet()}; 0 for no limit */
    public RpcClientConnector(RpcConnector connector, InetSocketAddress address, String probeMethod, Object probeArgs,
            long maxQuietNanos) {
        this.connector = connector;
        this.address = address;
        this.probeMethod = probeMethod;
        this.probeArgs = probeArgs;
        this.maxQuietNanos = maxQuietNanos;
    }

    /** Connections closed because they had been quiet longer than the limit. */
    public long closedAsQuiet() {
        return closedAsQuiet.sum();
    }

    /** True if the limit is on and {@code client} was quiet past it (it is then closed). */
    private boolean closedIfQuiet(RpcClient client) {
        if (maxQuietNanos > 0 && client.closeIfQuiet(maxQuietNanos, TimeUnit.NANOSECONDS)) {
            closedAsQuiet.increment();
            return true;
        }
        return false;
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
        if (closedIfQuiet(client)) {
            return false; // a probe would only race the server's close
        }
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
        // off by default: then no clock read here, on every hand-out
        return client.isActive() && !closedIfQuiet(client);
    }

    @Override
    public void close(RpcClient client) {
        client.close();
    }
}
