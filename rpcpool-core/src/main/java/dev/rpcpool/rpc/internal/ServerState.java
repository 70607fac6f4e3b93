package dev.rpcpool.rpc.internal;

import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What the connections of one server share: registry, executor, limits, counters, and the
 * shutdown flag. Thread-safe. Internal.
 */
public final class ServerState {
    final ServiceRegistry registry;
    final Executor executor;
    final int maxConcurrentPerConnection;
    final int maxConnections;
    final ChannelGroup channels;
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile boolean drainArmed;

    public ServerState(ServiceRegistry registry, Executor executor, int maxConcurrentPerConnection, int maxConnections,
            ChannelGroup channels) {
        this.registry = registry;
        this.executor = executor;
        this.maxConcurrentPerConnection = maxConcurrentPerConnection;
        this.maxConnections = maxConnections;
        this.channels = channels;
    }

    /** Stops new requests from being read (each connection checks before decoding the next request). */
    public void startClosing() {
        closing = true;
    }

    /**
     * Call after every event loop has run a task since {@link #startClosing()}: from then on no
     * request can start, so {@link #drained()} completes once the in-flight count reaches zero.
     */
    public void armDrain() {
        drainArmed = true;
        checkDrained();
    }

    boolean closing() {
        return closing;
    }

    public CompletableFuture<Void> drained() {
        return drained;
    }

    /** Requests being executed or waiting to execute, over all connections. */
    public int inFlight() {
        return inFlight.get();
    }

    public int connections() {
        return connections.get();
    }

    int connectionOpened() {
        return connections.incrementAndGet();
    }

    void connectionClosed() {
        connections.decrementAndGet();
    }

    void requestStarted() {
        inFlight.incrementAndGet();
    }

    void requestFinished() {
        if (inFlight.decrementAndGet() == 0) {
            checkDrained();
        }
    }

    private void checkDrained() {
        if (drainArmed && inFlight.get() == 0) {
            drained.complete(null);
        }
    }
}
