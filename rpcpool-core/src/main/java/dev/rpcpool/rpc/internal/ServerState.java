package dev.rpcpool.rpc.internal;

import dev.rpcpool.rpc.RequestListener;
import io.netty.channel.group.ChannelGroup;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

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
    final long maxBufferedBytes;
    final long incompleteRequestTimeoutNanos;
    /** Hears how each request ended; null: none, and then no clock is read for it. */
    final RequestListener requestListener;
    private final AtomicLong buffered = new AtomicLong();
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final CompletableFuture<Void> drained = new CompletableFuture<>();
    private volatile boolean closing;
    private volatile boolean drainArmed;

    public ServerState(ServiceRegistry registry, Executor executor, int maxConcurrentPerConnection, int maxConnections,
            ChannelGroup channels, long maxBufferedBytes, long incompleteRequestTimeoutNanos, RequestListener requestListener) {
        this.requestListener = requestListener;
        this.maxBufferedBytes = maxBufferedBytes;
        this.incompleteRequestTimeoutNanos = incompleteRequestTimeoutNanos;
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

    /** Bytes of not yet complete requests held over all connections. */
    public long bufferedBytes() {
        return buffered.get();
    }

    /** Counts {@code n} more buffered bytes unless that would pass the budget; false then. */
    boolean reserveBuffered(long n) {
        long cur;
        do {
            cur = buffered.get();
            if (cur + n > maxBufferedBytes) {
                return false;
            }
        } while (!buffered.compareAndSet(cur, cur + n));
        return true;
    }

    void releaseBuffered(long n) {
        buffered.addAndGet(-n);
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
