package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;
import dev.rpcpool.rpc.internal.ClientHandler;
import dev.rpcpool.rpc.internal.DeadlineCalls;
import dev.rpcpool.rpc.internal.ReplyWait;
import dev.rpcpool.rpc.internal.SyncReply;
import dev.rpcpool.transport.internal.IoThreads;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * One connection to a Go {@code net/rpc} server (or an {@link RpcServer}), like Go's
 * {@code rpc.Client}: any number of calls may be in flight at once from any threads; each carries a
 * sequence number and replies are matched by it, in whatever order they come. Obtain one from
 * {@link RpcConnector}.
 *
 * <p>Failures, kept apart:
 * <ul>
 *   <li>{@link ServerErrorException}: the remote method returned an error, or the server could not
 *       find it; the connection stays usable.
 *   <li>{@link CallTimeoutException}: no reply within the call's timeout; the call is forgotten and
 *       its late reply discarded; the connection stays usable.
 *   <li>{@link TransportException}: the connection failed or was closed; every pending call fails
 *       with it, and so does every later call, at once.
 *   <li>{@link dev.rpcpool.codec.CodecException}: the arguments could not be encoded, or the reply
 *       did not fit {@code replyType}; only that call fails.
 * </ul>
 *
 * <p>Thread-safety: thread-safe. Futures from {@link #callAsync} are completed on the configured
 * {@link RpcClientOptions.Builder#callbackExecutor callback executor}, which runs them on an I/O
 * thread only if it is a direct one such as {@code Runnable::run} (a call made on a connection
 * already shut down returns a future that has already failed). A blocking {@code call} on an I/O
 * thread throws {@link IllegalStateException}: the reply it waits for is read by an I/O thread.
 */
public final class RpcClient implements AutoCloseable {
    static {
        DeadlineCalls.install(new DeadlineCalls() {
            @Override
            public <T> T call(RpcClient client, String serviceMethod, Object args, Type replyType, Duration timeout,
                    long deadlineNanos) {
                return client.callUntil(serviceMethod, args, replyType, timeout, deadlineNanos);
            }

            @Override
            public void callAsync(RpcClient client, String serviceMethod, Object args, Type replyType,
                    Duration timeout, long deadlineNanos, BiConsumer<Object, Throwable> callback) {
                client.handler.call(serviceMethod, args, replyType, timeout, deadlineNanos, callback);
            }
        });
    }

    private final ClientHandler handler;
    private final InetSocketAddress remote;
    private final ReplyWait replyWait;

    RpcClient(ClientHandler handler, InetSocketAddress remote, SyncWait syncWait) {
        this.handler = handler;
        this.remote = remote;
        this.replyWait = ReplyWait.of(syncWait);
    }

    /**
     * Calls {@code serviceMethod} (for example {@code "Arith.Multiply"}) asynchronously.
     *
     * @param replyType the Java type of the reply (for example {@code Integer.class})
     * @param timeout how long to wait for the reply, counted from now; positive
     * @return a future completed with the reply ({@code null} for a JSON {@code null} result), or
     *     failed with one of the exceptions listed on this class
     * @throws IllegalArgumentException if an argument is null or the timeout not positive
     */
    public <T> CompletableFuture<T> callAsync(String serviceMethod, Object args, Class<T> replyType, Duration timeout) {
        return callAsync(serviceMethod, args, (Type) replyType, timeout);
    }

    /** As {@link #callAsync(String, Object, Class, Duration)}, for generic reply types such as {@code List<Integer>}. */
    @SuppressWarnings("unchecked")
    public <T> CompletableFuture<T> callAsync(String serviceMethod, Object args, Type replyType, Duration timeout) {
        check(serviceMethod, replyType, timeout);
        return (CompletableFuture<T>) (CompletableFuture<?>) handler.call(serviceMethod, args, replyType, timeout);
    }

    /**
     * As {@link #callAsync(String, Object, Type, Duration, BiConsumer)}, with the reply typed by
     * {@code replyType}.
     *
     * @throws IllegalArgumentException if an argument is null or the timeout not positive
     */
    public <T> void callAsync(String serviceMethod, Object args, Class<T> replyType, Duration timeout,
            BiConsumer<? super T, ? super Throwable> callback) {
        callAsync(serviceMethod, args, (Type) replyType, timeout, callback);
    }

    /**
     * As {@link #callAsync(String, Object, Type, Duration)}, but hands the outcome to
     * {@code callback} instead of completing a future, which saves the future and its stages when
     * the caller builds its own completion (as {@code RpcClientPool} does).
     *
     * <p>{@code callback} runs exactly once, with the reply and {@code null}, or {@code null} and one
     * of the exceptions listed on this class: where a future from {@code callAsync} would be
     * completed (the callback executor), or on this thread when the call is refused at once (the
     * connection is shut down, or the in-flight limit is reached). An exception thrown by
     * {@code callback} is logged and otherwise ignored, as a future's stage would be.
     *
     * @throws IllegalArgumentException if an argument is null or the timeout not positive
     */
    @SuppressWarnings("unchecked")
    public <T> void callAsync(String serviceMethod, Object args, Type replyType, Duration timeout,
            BiConsumer<? super T, ? super Throwable> callback) {
        check(serviceMethod, replyType, timeout);
        Checks.notNull("callback", callback);
        handler.call(serviceMethod, args, replyType, timeout, (BiConsumer<Object, Throwable>) (BiConsumer<?, ?>) callback);
    }

    /**
     * Calls {@code serviceMethod} and waits for the reply, as the connection's
     * {@link RpcClientOptions.Builder#syncWait SyncWait} says (by default polling briefly while few
     * callers wait, then parking).
     *
     * @throws ServerErrorException, CallTimeoutException, TransportException, CodecException as
     *     listed on this class; {@link CallInterruptedException} if the thread is interrupted (the interrupt
     *     flag is restored)
     * @throws IllegalStateException if called on one of rpcpool's I/O threads
     */
    public <T> T call(String serviceMethod, Object args, Class<T> replyType, Duration timeout) {
        return call(serviceMethod, args, (Type) replyType, timeout);
    }

    /** As {@link #call(String, Object, Class, Duration)}, for generic reply types. */
    public <T> T call(String serviceMethod, Object args, Type replyType, Duration timeout) {
        check(serviceMethod, replyType, timeout);
        return callUntil(serviceMethod, args, replyType, timeout, System.nanoTime() + timeout.toNanos());
    }

    @SuppressWarnings("unchecked")
    private <T> T callUntil(String serviceMethod, Object args, Type replyType, Duration timeout, long deadlineNanos) {
        IoThreads.checkMayBlock(serviceMethod);
        SyncReply reply = handler.callSync(serviceMethod, args, replyType, timeout, deadlineNanos);
        try {
            return (T) replyWait.await(reply, handler.wakeHint());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            throw new RpcPoolException("call " + serviceMethod + " failed: " + cause, cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CallInterruptedException(serviceMethod, address());
        }
    }

    private static void check(String serviceMethod, Type replyType, Duration timeout) {
        Checks.notNull("serviceMethod", serviceMethod);
        Checks.notNull("replyType (use Void.class to ignore the reply)", replyType);
        Checks.positive("timeout", timeout);
    }

    /** True until the connection has failed or been closed. A false answer is final. */
    public boolean isActive() {
        return handler.isActive();
    }

    /**
     * A future completed, on the callback executor, once this connection is shut down for any
     * reason (failure, peer close, {@link #close()}); lets a pool evict it without polling. Callers
     * must not complete it themselves.
     */
    public CompletableFuture<Void> closeFuture() {
        return handler.closeFuture();
    }

    /** Calls made and not yet completed (queued, written, or waiting for their reply). */
    public int inFlight() {
        return handler.inFlight();
    }

    /**
     * Closes the connection if no call is in flight on it and no byte has gone either way for more
     * than {@code maxQuiet}: for a pool that must not reuse a connection the server may be closing as
     * idle. A call counts as in flight from the moment {@code call}/{@code callAsync} accepted it,
     * before its request is written, so a call is never cut off: either it started first and this
     * returns {@code false}, or it fails at once with a {@link TransportException} whose
     * {@link TransportException#requestNeverWritten()} is true.
     *
     * <p>Thread-safe, lock-free; reads the clock once, and only when no call is in flight.
     *
     * @return true if this call closed the connection
     */
    public boolean closeIfQuiet(long maxQuiet, TimeUnit unit) {
        return handler.closeIfQuiet(unit.toNanos(maxQuiet));
    }

    /** True once {@link #closeIfQuiet} has closed this connection (not another close). */
    public boolean closedAsQuiet() {
        return handler.closedAsQuiet();
    }

    /** The server's address. */
    public InetSocketAddress remoteAddress() {
        return remote;
    }

    private String address() {
        return remote.getHostString() + ":" + remote.getPort();
    }

    /** Closes the connection; pending calls fail with {@link TransportException}. Idempotent, thread-safe. */
    @Override
    public void close() {
        handler.close();
    }

    @Override
    public String toString() {
        return "RpcClient[" + address() + (isActive() ? ", active" : ", shut down") + ", inFlight=" + inFlight() + "]";
    }

    static String hostPort(InetSocketAddress a) {
        return Objects.requireNonNull(a, "address").getHostString() + ":" + a.getPort();
    }
}
