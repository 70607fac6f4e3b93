package dev.rpcpool.cli;

import dev.rpcpool.PoolMode;
import dev.rpcpool.RpcClientPool;
import dev.rpcpool.codec.Codec;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.SyncWait;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One contender of a benchmark: a way to make calls (dial per call, or a pool in either mode) and a
 * count of the connections it opened. Closing it closes everything it opened.
 *
 * <p>Thread-safety: {@link #call()} is thread-safe.
 */
final class BenchClient implements AutoCloseable {
    private final Workload workload;
    private final Duration timeout;
    private final RpcClientPool pool;
    private final EventLoopResources loops;
    private final RpcConnector connector;
    private final InetSocketAddress address;
    private final AtomicLong dialed = new AtomicLong();

    /**
     * How the pool modes configure their {@link RpcClientPool} (dial ignores it).
     *
     * @param serverIdleTimeout {@code null} for none
     * @param directCallbacks {@link #callAsync()} futures complete on the I/O thread
     * @param syncWait how {@link #call()} waits for its reply (dial too)
     * @param ioThreads the client's I/O (event loop) threads (dial too)
     */
    record PoolSettings(int maxConnections, int maxInFlightPerConnection, Duration serverIdleTimeout,
            boolean directCallbacks, SyncWait syncWait, int ioThreads) {
    }

    /** {@code tls} is {@code null} for plaintext. */
    BenchClient(BenchMode mode, String addr, Codec codec, boolean http, TlsOptions tls, Duration timeout,
            PoolSettings settings, Workload workload) {
        this.workload = workload;
        this.timeout = timeout;
        this.loops = EventLoopResources.create(settings.ioThreads());
        if (mode == BenchMode.dial) {
            RpcClientOptions.Builder options = RpcClientOptions.builder(codec).connectTimeout(timeout).tls(tls)
                    .syncWait(settings.syncWait());
            this.connector = new RpcConnector(loops, http ? options.http().build() : options.build());
            InetSocketAddress resolved = HostPort.parse(addr);
            this.address = resolved;
            this.pool = null;
        } else {
            RpcClientPool.Builder b = RpcClientPool.builder(addr).codec(codec).eventLoops(loops)
                    .mode(mode == BenchMode.exclusive ? PoolMode.EXCLUSIVE : PoolMode.MULTIPLEXED)
                    .maxConnections(settings.maxConnections())
                    .maxInFlightPerConnection(settings.maxInFlightPerConnection())
                    .callTimeout(timeout).connectTimeout(timeout).tls(tls)
                    .syncWait(settings.syncWait());
            if (settings.serverIdleTimeout() != null) {
                b.serverIdleTimeout(settings.serverIdleTimeout());
            }
            if (settings.directCallbacks()) {
                b.directCallbacks();
            }
            this.pool = (http ? b.http() : b).build();
            this.connector = null;
            this.address = null;
        }
    }

    /** Makes one call; throws on any failure. */
    void call() {
        if (pool != null) {
            pool.call(workload.method(), workload.args(), workload.replyType(), timeout);
            return;
        }
        dialed.incrementAndGet();
        try (RpcClient client = connector.connect(address)) {
            client.call(workload.method(), workload.args(), workload.replyType(), timeout);
        }
    }

    /**
     * Starts one call without blocking for its reply (the pool modes only: a dial per call has
     * nothing to be asynchronous about).
     */
    CompletableFuture<?> callAsync() {
        if (pool == null) {
            throw new IllegalStateException("asynchronous calls need a pool mode, not dial");
        }
        return pool.callAsync(workload.method(), workload.args(), workload.replyType(), timeout);
    }

    /** This client's I/O threads, every one of them, to pace calls on without a thread of their own. */
    List<ScheduledExecutorService> pacingExecutors() {
        List<ScheduledExecutorService> all = new ArrayList<>();
        loops.group().forEach(all::add);
        return all;
    }

    /** Connections opened so far. */
    long connectionsOpened() {
        return pool != null ? pool.stats().created() : dialed.get();
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
        loops.close();
    }
}
