package dev.rpcpool.internal;

import dev.rpcpool.pool.AsyncConnector;
import dev.rpcpool.pool.CloseReason;
import dev.rpcpool.rpc.ConnectFailedException;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.ServerErrorException;
import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
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
 * reports it as {@link dev.rpcpool.pool.CloseReason#SERVER_IDLE_TIMEOUT} and the caller gets another
 * connection within its deadline.
 *
 * <p>A refused connect fails the other connects to the same server still under way, at once: when
 * a server dies, every connection the pool loses frees room for a connect (up to
 * {@code maxConnections} at once, before the first refusal starts the pool's back-off), and each
 * caller holding one would otherwise wait for its own refusal, one after another on a busy event
 * loop. A refusal (not a timeout) means the server is not accepting now; the others' sockets go on
 * and are closed if they connect after all. Nothing is sent on any of them.
 *
 * <p>Thread-safety: thread-safe, as {@link dev.rpcpool.pool.Connector} requires.
 */
public final class RpcClientConnector implements AsyncConnector<RpcClient> {
    private final RpcConnector connector;
    private final InetSocketAddress address;
    private final String hostPort;
    private final String probeMethod;
    private final Object probeArgs;
    /** Longest quiet time of a connection that may still be handed out; 0: no limit. */
    private final long maxQuietNanos;
    private final LongAdder closedAsQuiet = new LongAdder();
    /** Connects under way, as their callers see them: failed early by another attempt's refusal. */
    private final Set<CompletableFuture<RpcClient>> attempts = ConcurrentHashMap.newKeySet();

    /** @param maxQuietNanos see {@link #closedAsQuiet()}; 0 for no limit */
    public RpcClientConnector(RpcConnector connector, InetSocketAddress address, String probeMethod, Object probeArgs,
            long maxQuietNanos) {
        this.connector = connector;
        this.address = address;
        this.hostPort = address.getHostString() + ":" + address.getPort();
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
        CompletableFuture<RpcClient> attempt = connectAsync(timeout);
        try {
            return attempt.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } catch (java.util.concurrent.TimeoutException | InterruptedException e) {
            attempt.thenAccept(RpcClient::close); // never leak a connection nobody waits for
            throw e;
        }
    }

    /**
     * Bounded by the {@link RpcConnector}'s own connect timeout, which the pool's builder sets to the
     * pool's. Completes on the I/O thread, as {@link AsyncConnector} allows: the pool only wakes the
     * waiting caller there, and moves anything more to another thread.
     */
    @Override
    public CompletableFuture<RpcClient> connectAsync(Duration timeout) {
        CompletableFuture<RpcClient> attempt = new CompletableFuture<>();
        attempts.add(attempt);
        connector.connectAsync(address, Runnable::run).whenComplete((client, failure) -> {
            attempts.remove(attempt);
            if (failure == null) {
                if (!attempt.complete(client)) {
                    client.close(); // its caller was already failed by another attempt's refusal
                }
                return;
            }
            ConnectException refusal = refusal(failure);
            if (refusal != null) {
                for (CompletableFuture<RpcClient> other : attempts) {
                    if (attempts.remove(other)) {
                        other.completeExceptionally(new ConnectFailedException(hostPort,
                                new ConnectException(refusal.getMessage() + " (seen by a concurrent attempt)")));
                    }
                }
            }
            attempt.completeExceptionally(failure);
        });
        return attempt;
    }

    /** The server's refusal (nothing listens, or its backlog is full), or null for any other failure. */
    private static ConnectException refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof ConnectException refused && !(t instanceof ConnectTimeoutException)) {
                return refused;
            }
        }
        return null;
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
    public CloseReason closeReason(RpcClient client, CloseReason observed) {
        return client.closedAsQuiet() ? CloseReason.SERVER_IDLE_TIMEOUT : observed;
    }

    @Override
    public void close(RpcClient client) {
        client.close();
    }
}
