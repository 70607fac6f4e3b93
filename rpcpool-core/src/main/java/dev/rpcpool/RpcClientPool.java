package dev.rpcpool;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.codec.CodecException;
import dev.rpcpool.codec.gob.GobCodec;
import dev.rpcpool.internal.IdleCloseRetry;
import dev.rpcpool.internal.RpcClientConnector;
import dev.rpcpool.pool.ConnectionInfo;
import dev.rpcpool.pool.ConnectionPool;
import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.PoolConfig;
import dev.rpcpool.pool.PoolListener;
import dev.rpcpool.pool.PoolStats;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.RpcClient;
import dev.rpcpool.rpc.RpcClientOptions;
import dev.rpcpool.rpc.RpcConnector;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.SyncWait;
import dev.rpcpool.rpc.TransportException;
import dev.rpcpool.rpc.internal.DeadlineCalls;
import dev.rpcpool.rpc.internal.DirectExecutor;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.TlsOptions;
import dev.rpcpool.transport.internal.IoThreads;
import io.netty.channel.EventLoopGroup;
import java.lang.reflect.Type;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pool of connections to one Go {@code net/rpc} server (or an rpcpool server): the tutorial's
 * {@code RPCClientPool}, done right.
 *
 * <pre>{@code
 * try (RpcClientPool pool = RpcClientPool.builder("127.0.0.1:1234").maxConnections(8).build()) {
 *     int product = pool.call("Arith.Multiply", new Args(7, 8), Integer.class);
 *     CompletableFuture<Quotient> q =
 *             pool.callAsync("Arith.Divide", new Args(7, 2), Quotient.class, Duration.ofMillis(200));
 * }
 * }</pre>
 *
 * <p>Every call has one deadline (the default {@link Builder#callTimeout} or a per-call timeout)
 * covering the wait for a connection, connecting, writing, and the reply. Failures are distinct
 * {@link RpcPoolException}s:
 * <ul>
 *   <li>{@link ServerErrorException}: the remote method returned an error; the connection is kept.
 *   <li>{@link CallTimeoutException}: no reply in time; in {@link PoolMode#MULTIPLEXED} mode the late
 *       reply is discarded and the connection kept, in {@link PoolMode#EXCLUSIVE} mode the connection
 *       is closed (its reply may still come).
 *   <li>{@link TransportException}: the connection failed; it is evicted and its other calls fail at
 *       once. A call whose request was certainly never written is retried, transparently, on
 *       another connection. A call whose connection the server closed as idle just as the request
 *       went out is sent again only for methods named with {@link Builder#retryOnIdleClose}. At
 *       most {@value #MAX_RETRIES} retries per call, within its deadline; nothing else is ever
 *       retried.
 *   <li>{@link dev.rpcpool.pool.PoolTimeoutException}, {@link dev.rpcpool.pool.PoolConnectException}
 *       (with {@link dev.rpcpool.pool.PoolBackoffException} while the server keeps refusing: calls
 *       fail fast and say when the next attempt is due), {@link dev.rpcpool.pool.PoolClosedException}.
 *   <li>{@link CodecException}: the arguments could not be encoded or the reply did not fit the
 *       reply type; the connection is kept.
 * </ul>
 *
 * <p>Thread-safety: thread-safe; share one pool per server across the application. Futures from
 * {@code callAsync} complete on the {@link Builder#callbackExecutor callback executor}, on an I/O
 * thread only with {@link Builder#directCallbacks()}. {@code callAsync} may block its caller while
 * the pool is at its connection cap and every connection is full, at most until the call's
 * deadline; on an I/O thread it never blocks (it waits on a thread of the pool's own instead,
 * and still fails at its own deadline). A future cancelled while its call waits for a connection
 * sends nothing.
 */
public final class RpcClientPool implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RpcClientPool.class);
    private static final DeadlineCalls DEADLINE_CALLS = DeadlineCalls.get();
    /** Default for {@link Builder#callTimeout}. */
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Default for {@link Builder#maxConnections}. */
    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    /** Default for {@link Builder#maxInFlightPerConnection}. */
    public static final int DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION = 32;
    /** Default for {@link Builder#connectTimeout}. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(3);
    /** Default for {@link Builder#probeAfterIdle}. */
    public static final Duration DEFAULT_PROBE_AFTER_IDLE = Duration.ofSeconds(30);
    /**
     * Default health probe: a service no server has. Go's server answers
     * {@code rpc: can't find service RpcPoolProbe.Ping}, proving the connection alive.
     */
    public static final String DEFAULT_PROBE_METHOD = "RpcPoolProbe.Ping";
    /**
     * Largest safety margin taken off {@link Builder#serverIdleTimeout}: a connection quiet for
     * longer than {@code serverIdleTimeout - min(serverIdleTimeout / 2, 1 s)} is not handed out.
     */
    public static final Duration SERVER_IDLE_TIMEOUT_MAX_MARGIN = Duration.ofSeconds(1);
    /** Default quiet time for {@link Builder#retryOnIdleClose(Predicate)}. */
    public static final Duration DEFAULT_IDLE_CLOSE_MIN_IDLE = Duration.ofSeconds(1);
    /**
     * Most times one call is retried on another connection, each time after a failure that allows it
     * (request never written, or an idle close for {@link Builder#retryOnIdleClose}): a server that
     * closes idle connections may close several in one sweep, and the next one handed out may be one
     * of them.
     */
    public static final int MAX_RETRIES = 3;
    /** At most this many threads wait for connections for {@code callAsync} calls made on I/O threads. */
    private static final int MAX_ACQUIRE_THREADS = 16;
    private static final Duration ACQUIRE_THREAD_KEEP_ALIVE = Duration.ofSeconds(10);

    /** Whether a failed call may go to another connection, and why. */
    private enum Retry { NO, NOT_SENT, IDLE_CLOSE }

    private final String target;
    private final PoolMode mode;
    private final Duration callTimeout;
    private final ConnectionPool<RpcClient> pool;
    private final EventLoopResources ownedLoops;
    private final Consumer<RpcClient> beforeCall;
    /** Hears how each call ended; null: none, and then no clock is read for it. */
    private final CallListener callListener;
    private final IdleCloseRetry idleCloseRetry;
    private final RpcClientConnector connector;
    private final Duration quietLimit;
    /**
     * Waits for a connection on behalf of a {@code callAsync} made on an I/O thread (from a direct
     * callback) when none is free at once: the I/O thread must not wait, since it reads the replies
     * that free connections. Its threads exist only while such waits do.
     */
    private final ThreadPoolExecutor acquireExecutor;
    /** Times out calls queued for {@link #acquireExecutor}: {@code remaining} is their deadline, not the queue's. */
    private final EventLoopGroup timers;
    /** Where callAsync futures complete, also when the pool itself fails them. */
    private final Executor callbackExecutor;

    private RpcClientPool(Builder b, InetSocketAddress address) {
        this.target = b.target;
        this.idleCloseRetry = b.idleCloseRetry;
        this.mode = b.mode;
        this.callTimeout = b.callTimeout;
        this.beforeCall = b.beforeCall;
        this.callListener = b.callListener;
        this.ownedLoops = b.eventLoops == null ? EventLoopResources.create() : null;
        EventLoopResources loops = b.eventLoops != null ? b.eventLoops : ownedLoops;
        this.timers = loops.group();
        this.callbackExecutor = b.callbackExecutor;
        RpcClientOptions.Builder options = RpcClientOptions.builder(b.codec)
                .connectTimeout(b.connectTimeout)
                .maxMessageBytes(b.maxMessageBytes)
                .callbackExecutor(b.callbackExecutor)
                .syncWait(b.syncWait);
        if (b.httpPath != null) {
            options.httpPath(b.httpPath);
        }
        options.tls(b.tls);
        this.quietLimit = b.serverIdleTimeout == null ? null : quietLimit(b.serverIdleTimeout);
        this.connector = new RpcClientConnector(new RpcConnector(loops, options.build()), address, b.probeMethod,
                b.probeArgs, quietLimit == null ? 0 : saturatedNanos(quietLimit));
        PoolConfig config = b.poolConfig
                .maxLeasesPerConnection(b.mode == PoolMode.EXCLUSIVE ? 1 : b.maxInFlightPerConnection)
                .connectTimeout(b.connectTimeout)
                .build();
        this.pool = ConnectionPool.create(connector, config);
        int waiters = Math.min(config.maxConnections(), MAX_ACQUIRE_THREADS);
        this.acquireExecutor = new ThreadPoolExecutor(waiters, waiters, ACQUIRE_THREAD_KEEP_ALIVE.toSeconds(),
                TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "rpcpool-acquire-" + target);
                    t.setDaemon(true);
                    return t;
                });
        this.acquireExecutor.allowCoreThreadTimeOut(true);
    }

    /**
     * Starts building a pool for the server at {@code address}, written {@code host:port}.
     *
     * @throws IllegalArgumentException if {@code address} is not {@code host:port} with a valid port
     */
    public static Builder builder(String address) {
        return new Builder(address);
    }

    /**
     * Calls {@code serviceMethod} with the default timeout and waits for the reply.
     *
     * @throws RpcPoolException (see the class documentation for the subtypes) on failure
     * @throws IllegalArgumentException if {@code serviceMethod} or {@code replyType} is null
     * @throws IllegalStateException if called on one of rpcpool's I/O threads (in a
     *     {@link Builder#directCallbacks() direct callback}: use {@code callAsync} there)
     */
    public <T> T call(String serviceMethod, Object args, Class<T> replyType) {
        return call(serviceMethod, args, (Type) replyType, callTimeout);
    }

    /** As {@link #call(String, Object, Class)} with a timeout for this call. */
    public <T> T call(String serviceMethod, Object args, Class<T> replyType, Duration timeout) {
        return call(serviceMethod, args, (Type) replyType, timeout);
    }

    /** As {@link #call(String, Object, Class, Duration)}, for generic reply types such as {@code List<Foo>}. */
    public <T> T call(String serviceMethod, Object args, Type replyType, Duration timeout) {
        checkCall(serviceMethod, replyType, timeout);
        IoThreads.checkMayBlock(serviceMethod);
        long start = System.nanoTime();
        if (callListener == null) {
            return callUntil(serviceMethod, args, replyType, timeout, start + timeout.toNanos());
        }
        T reply;
        try {
            reply = callUntil(serviceMethod, args, replyType, timeout, start + timeout.toNanos());
        } catch (RuntimeException e) {
            report(serviceMethod, System.nanoTime() - start, e);
            throw e;
        }
        report(serviceMethod, System.nanoTime() - start, null);
        return reply;
    }

    /** The attempts of a blocking call, until its reply, a failure that allows no retry, or its deadline. */
    private <T> T callUntil(String serviceMethod, Object args, Type replyType, Duration timeout, long deadline) {
        int retries = 0;
        RuntimeException earlier = null; // the failure that led to this attempt
        while (true) {
            Lease<RpcClient> lease;
            try {
                lease = pool.acquire(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            } catch (RuntimeException e) {
                throw withEarlier(e, earlier);
            }
            T reply;
            try {
                beforeCall.accept(lease.connection());
                reply = DEADLINE_CALLS.call(lease.connection(), serviceMethod, args, replyType, timeout, deadline);
            } catch (RuntimeException e) {
                retries = nextRetries(retries, endLease(lease, serviceMethod, e), deadline);
                earlier = withEarlier(e, earlier);
                if (retries >= 0) {
                    continue;
                }
                throw earlier;
            }
            lease.release();
            return reply;
        }
    }

    /** Calls {@code serviceMethod} asynchronously with the default timeout. */
    public <T> CompletableFuture<T> callAsync(String serviceMethod, Object args, Class<T> replyType) {
        return callAsync(serviceMethod, args, (Type) replyType, callTimeout);
    }

    /**
     * Calls {@code serviceMethod} asynchronously.
     *
     * @return a future completed with the reply, or failed with one of the exceptions listed on
     *     this class
     * @throws IllegalArgumentException if an argument is null or the timeout not positive
     */
    public <T> CompletableFuture<T> callAsync(String serviceMethod, Object args, Class<T> replyType, Duration timeout) {
        return callAsync(serviceMethod, args, (Type) replyType, timeout);
    }

    /** As {@link #callAsync(String, Object, Class, Duration)}, for generic reply types. */
    public <T> CompletableFuture<T> callAsync(String serviceMethod, Object args, Type replyType, Duration timeout) {
        checkCall(serviceMethod, replyType, timeout);
        CompletableFuture<T> result = new CompletableFuture<>();
        attemptAsync(serviceMethod, args, replyType, timeout, System.nanoTime() + timeout.toNanos(), 0, null, result);
        return result;
    }

    private <T> void attemptAsync(String serviceMethod, Object args, Type replyType, Duration timeout, long deadline,
            int retries, Throwable earlier, CompletableFuture<T> result) {
        Lease<RpcClient> lease;
        try {
            if (IoThreads.isCurrent()) {
                lease = pool.tryAcquire();
                if (lease == null) {
                    acquireElsewhere(() -> attemptAsync(serviceMethod, args, replyType, timeout, deadline, retries,
                            earlier, result), serviceMethod, timeout, deadline, result);
                    return;
                }
            } else {
                lease = pool.acquire(remainingNanos(deadline), TimeUnit.NANOSECONDS);
            }
        } catch (RuntimeException e) {
            fail(result, withEarlier(e, earlier), serviceMethod, deadline, timeout);
            return;
        }
        if (result.isDone()) { // cancelled by the caller, or timed out while queued: send nothing
            lease.release();
            return;
        }
        try {
            beforeCall.accept(lease.connection());
            DEADLINE_CALLS.callAsync(lease.connection(), serviceMethod, args, replyType, timeout, deadline,
                    new AsyncAttempt<>(lease, serviceMethod, args, replyType, timeout, deadline, retries, earlier, result));
        } catch (RuntimeException e) {
            endLease(lease, serviceMethod, e);
            fail(result, withEarlier(e, earlier), serviceMethod, deadline, timeout);
        }
    }

    /**
     * The end of one attempt of an asynchronous call, as the connection's callback: one object per
     * attempt where a future stage would take three. Ends the lease, then completes the caller's
     * future or starts the next attempt.
     */
    private final class AsyncAttempt<T> implements BiConsumer<Object, Throwable> {
        private final Lease<RpcClient> lease;
        private final String serviceMethod;
        private final Object args;
        private final Type replyType;
        private final Duration timeout;
        private final long deadline;
        private final int retries;
        private final Throwable earlier;
        private final CompletableFuture<T> result;

        AsyncAttempt(Lease<RpcClient> lease, String serviceMethod, Object args, Type replyType, Duration timeout,
                long deadline, int retries, Throwable earlier, CompletableFuture<T> result) {
            this.lease = lease;
            this.serviceMethod = serviceMethod;
            this.args = args;
            this.replyType = replyType;
            this.timeout = timeout;
            this.deadline = deadline;
            this.retries = retries;
            this.earlier = earlier;
            this.result = result;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void accept(Object value, Throwable error) {
            if (error == null) {
                lease.release();
                if (callListener == null) {
                    result.complete((T) value);
                } else {
                    long took = tookSince(deadline, timeout);
                    if (result.complete((T) value)) {
                        report(serviceMethod, took, null);
                    }
                }
                return;
            }
            int next = nextRetries(retries, endLease(lease, serviceMethod, error), deadline);
            if (next >= 0) {
                attemptAsync(serviceMethod, args, replyType, timeout, deadline, next, withEarlier(error, earlier), result);
            } else {
                fail(result, withEarlier(error, earlier), serviceMethod, deadline, timeout);
            }
        }
    }

    /**
     * Runs an attempt that must wait for a connection on one of the pool's own threads. Those take
     * attempts in turn, so one may start late, behind others that wait for their own (longer)
     * deadlines: a timer fails it at its own deadline meanwhile, and it then sends nothing. After
     * {@link #close()} those threads still run what was queued: each attempt then fails at once
     * with {@code PoolClosedException}.
     */
    private void acquireElsewhere(Runnable attempt, String serviceMethod, Duration timeout, long deadline,
            CompletableFuture<?> result) {
        long queuedAt = System.nanoTime();
        ScheduledFuture<?> guard;
        try {
            guard = timers.schedule(() -> failQueued(result, queuedAt, serviceMethod, timeout, deadline),
                    remainingNanos(deadline), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException loopsClosed) {
            guard = null; // the attempt fails at once anyway: the pool is closed or closing
        }
        ScheduledFuture<?> timer = guard;
        try {
            acquireExecutor.execute(() -> {
                if (timer != null) {
                    timer.cancel(false);
                }
                if (!result.isDone()) {
                    attempt.run();
                }
            });
        } catch (RejectedExecutionException closed) {
            attempt.run(); // only after close: acquire fails at once, without waiting
        }
    }

    /** A queued attempt's deadline passed before a pool thread could start waiting for it. */
    private void failQueued(CompletableFuture<?> result, long queuedAt, String serviceMethod, Duration timeout,
            long deadline) {
        if (result.isDone()) {
            return;
        }
        PoolTimeoutException timedOut = new PoolTimeoutException(pool.name(),
                Duration.ofNanos(System.nanoTime() - queuedAt), pool.stats());
        try {
            callbackExecutor.execute(() -> fail(result, timedOut, serviceMethod, deadline, timeout));
        } catch (RejectedExecutionException e) {
            fail(result, timedOut, serviceMethod, deadline, timeout);
        }
    }

    /** Fails an asynchronous call's future; the call listener hears of it if this is what ended the call. */
    private void fail(CompletableFuture<?> result, Throwable error, String serviceMethod, long deadline, Duration timeout) {
        if (callListener == null) {
            result.completeExceptionally(error);
            return;
        }
        long took = tookSince(deadline, timeout);
        if (result.completeExceptionally(error)) {
            report(serviceMethod, took, error);
        }
    }

    /** How long ago a call with this deadline and timeout started. */
    private static long tookSince(long deadline, Duration timeout) {
        return System.nanoTime() - (deadline - timeout.toNanos());
    }

    private void report(String serviceMethod, long nanos, Throwable failure) {
        try {
            callListener.callEnded(serviceMethod, nanos, failure);
        } catch (RuntimeException e) {
            LOG.warn("The call listener of pool {} threw; ignored", target, e);
        }
    }

    /** The failure of a retried call carries the failures of its earlier attempts, as suppressed. */
    private static <E extends Throwable> E withEarlier(E failure, Throwable earlier) {
        if (earlier != null && earlier != failure) {
            failure.addSuppressed(earlier);
        }
        return failure;
    }

    /**
     * Retries so far after a failure that allows {@code retry}: the new count, or -1 when the call
     * must fail now. Never past the deadline.
     */
    private static int nextRetries(int retries, Retry retry, long deadline) {
        if (remainingNanos(deadline) <= 0) {
            return -1;
        }
        return switch (retry) {
            case NO -> -1;
            case NOT_SENT, IDLE_CLOSE -> retries < MAX_RETRIES ? retries + 1 : -1;
        };
    }

    /**
     * Ends a failed call's lease the way its failure requires, and says whether the call may be
     * retried on another connection: when its request certainly never left this process, or when
     * the server closed the connection as idle as it went out and the method may run twice.
     */
    private Retry endLease(Lease<RpcClient> lease, String serviceMethod, Throwable failure) {
        if (failure instanceof ServerErrorException || failure instanceof CodecException
                || failure instanceof IllegalArgumentException) {
            lease.release(); // the connection is healthy and has no reply outstanding for this call
            return Retry.NO;
        }
        if (failure instanceof TransportException transport) {
            lease.invalidate();
            if (transport.requestNeverWritten()) {
                return Retry.NOT_SENT;
            }
            return idleCloseRetry.allows(serviceMethod, transport) ? Retry.IDLE_CLOSE : Retry.NO;
        }
        // a timeout or an interrupt: a reply may still arrive for this call
        if (mode == PoolMode.EXCLUSIVE) {
            lease.invalidate(); // the next user must never read this call's late reply
        } else {
            lease.release(); // the client discards late replies by sequence number
        }
        return Retry.NO;
    }

    private static long remainingNanos(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private static void checkCall(String serviceMethod, Type replyType, Duration timeout) {
        if (serviceMethod == null) {
            throw new IllegalArgumentException("serviceMethod must not be null; write it as \"Service.Method\"");
        }
        if (replyType == null) {
            throw new IllegalArgumentException("replyType must not be null (use Object.class for any reply)");
        }
        if (timeout == null || timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    /**
     * The quiet time after which a connection is no longer handed out:
     * {@code serverIdleTimeout - min(serverIdleTimeout / 2, 1 s)}, or empty without
     * {@link Builder#serverIdleTimeout}.
     */
    public Optional<Duration> quietLimit() {
        return Optional.ofNullable(quietLimit);
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE; // about 292 years: never
        }
    }

    /** {@code serverIdleTimeout} less its safety margin (see {@link #SERVER_IDLE_TIMEOUT_MAX_MARGIN}). */
    static Duration quietLimit(Duration serverIdleTimeout) {
        Duration half = serverIdleTimeout.dividedBy(2);
        return serverIdleTimeout.minus(half.compareTo(SERVER_IDLE_TIMEOUT_MAX_MARGIN) < 0 ? half : SERVER_IDLE_TIMEOUT_MAX_MARGIN);
    }

    /**
     * Connections closed, instead of handed out, because they had been quiet longer than
     * {@link #quietLimit()}; the pool's listener sees them as
     * {@link dev.rpcpool.pool.CloseReason#SERVER_IDLE_TIMEOUT}.
     */
    public long quietConnectionsClosed() {
        return connector.closedAsQuiet();
    }

    /** The server this pool calls, as given to {@link #builder}. */
    public String target() {
        return target;
    }

    /** The pool's mode. */
    public PoolMode mode() {
        return mode;
    }

    /** A cheap snapshot of the pool: open, idle, leased connections, waiters, and counters. */
    public PoolStats stats() {
        return pool.stats();
    }

    /** Each open connection with its calls in flight. */
    public List<ConnectionStats> connections() {
        return pool.connections().stream().map(RpcClientPool::toStats).toList();
    }

    private static ConnectionStats toStats(ConnectionInfo<RpcClient> info) {
        InetSocketAddress remote = info.connection().remoteAddress();
        return new ConnectionStats(info.id(), remote.getHostString() + ":" + remote.getPort(),
                info.connection().inFlight(), info.age(), info.idle());
    }

    /**
     * Completes when pre-warming has opened {@code minIdle} connections (at once without
     * {@link Builder#prewarm}); fails with the connect failure if it could not.
     */
    public CompletableFuture<Void> ready() {
        return pool.ready();
    }

    /**
     * Closes the pool: idle connections now, connections with calls in flight when those calls
     * end; later calls fail with {@link dev.rpcpool.pool.PoolClosedException}. Idempotent and safe
     * against concurrent calls. Releases the pool's own I/O threads, if it made them.
     */
    @Override
    public void close() {
        pool.close();
        acquireExecutor.shutdown();
        if (ownedLoops != null) {
            ownedLoops.close();
        }
    }

    @Override
    public String toString() {
        return "RpcClientPool{" + target + ", " + mode + ", " + pool.stats().describe() + "}";
    }

    /**
     * Builds an {@link RpcClientPool}. Every setting has a default a user would expect; values are
     * checked by {@link #build()}, whose message names the setting and its allowed range.
     *
     * <p>Thread-safety: not thread-safe; use it from one thread, then share the pool.
     */
    public static final class Builder {
        private final String target;
        private final InetSocketAddress address;
        private final PoolConfig.Builder poolConfig;
        private Codec codec = GobCodec.create();
        private PoolMode mode = PoolMode.MULTIPLEXED;
        private int maxInFlightPerConnection = DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION;
        private Duration callTimeout = DEFAULT_CALL_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private int maxMessageBytes = RpcClientOptions.DEFAULT_MAX_MESSAGE_BYTES;
        private String httpPath;
        private TlsOptions tls;
        private String probeMethod = DEFAULT_PROBE_METHOD;
        private Object probeArgs = 0;
        private EventLoopResources eventLoops;
        private Executor callbackExecutor = ForkJoinPool.commonPool();
        private CallListener callListener;
        private Consumer<RpcClient> beforeCall = client -> { };
        private IdleCloseRetry idleCloseRetry = IdleCloseRetry.NEVER;
        private Duration serverIdleTimeout;
        private SyncWait syncWait = SyncWait.ADAPTIVE;

        private Builder(String target) {
            this.target = Objects.requireNonNull(target, "address");
            this.address = parseAddress(target);
            this.poolConfig = PoolConfig.builder(target)
                    .maxConnections(DEFAULT_MAX_CONNECTIONS)
                    .validateAfterIdle(DEFAULT_PROBE_AFTER_IDLE);
        }

        private static InetSocketAddress parseAddress(String target) {
            int colon = target.lastIndexOf(':');
            String host = colon > 0 ? target.substring(0, colon) : "";
            if (host.startsWith("[") && host.endsWith("]")) {
                host = host.substring(1, host.length() - 1);
            }
            int port;
            try {
                port = Integer.parseInt(target.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (host.isEmpty() || port < 1 || port > 65535) {
                throw new IllegalArgumentException("address must be host:port with a port in [1, 65535], like "
                        + "127.0.0.1:1234, but was '" + target + "'");
            }
            return InetSocketAddress.createUnresolved(host, port);
        }

        /** The wire codec: {@link GobCodec} (Go's default, the default here) or {@code JsonRpcCodec}. */
        public Builder codec(Codec codec) {
            this.codec = Objects.requireNonNull(codec, "codec");
            return this;
        }

        /** {@link PoolMode#MULTIPLEXED} (default) or {@link PoolMode#EXCLUSIVE}. */
        public Builder mode(PoolMode mode) {
            this.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /** Cap on open plus opening connections. Default {@value #DEFAULT_MAX_CONNECTIONS}. */
        public Builder maxConnections(int maxConnections) {
            poolConfig.maxConnections(maxConnections);
            return this;
        }

        /**
         * In {@link PoolMode#MULTIPLEXED} mode, the most calls one connection carries at once; a new
         * connection is opened only when all are full. Default
         * {@value #DEFAULT_MAX_IN_FLIGHT_PER_CONNECTION}; ignored in exclusive mode.
         */
        public Builder maxInFlightPerConnection(int maxInFlight) {
            this.maxInFlightPerConnection = maxInFlight;
            return this;
        }

        /** Default deadline of a call (connection wait, connect, write, reply). Default 5 s. */
        public Builder callTimeout(Duration timeout) {
            this.callTimeout = Objects.requireNonNull(timeout, "callTimeout");
            return this;
        }

        /** Bound on one TCP connect (and HTTP CONNECT handshake). Default 3 s. */
        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = Objects.requireNonNull(timeout, "connectTimeout");
            return this;
        }

        /** Connections kept open even when idle, refilled in the background. Default 0. */
        public Builder minIdle(int minIdle) {
            poolConfig.minIdle(minIdle);
            return this;
        }

        /** Open {@code minIdle} connections in the background at once; see {@link RpcClientPool#ready()}. */
        public Builder prewarm(boolean prewarm) {
            poolConfig.prewarm(prewarm);
            return this;
        }

        /** Idle connections beyond {@code minIdle} are closed after this. Default 60 s. */
        public Builder idleTimeout(Duration idleTimeout) {
            poolConfig.idleTimeout(idleTimeout);
            return this;
        }

        /** Connections are retired after about this long (with jitter). Default 30 min. */
        public Builder maxLifetime(Duration maxLifetime) {
            poolConfig.maxLifetime(maxLifetime);
            return this;
        }

        /**
         * A connection idle this long is probed before use. Default 30 s; zero probes an idle
         * connection before every use.
         */
        public Builder probeAfterIdle(Duration idle) {
            Objects.requireNonNull(idle, "probeAfterIdle");
            // the pool core reads 0 as "never"; here 0 means "always", the smallest positive idle time
            poolConfig.validateAfterIdle(idle.isZero() ? Duration.ofNanos(1) : idle);
            return this;
        }

        /** Never probe idle connections (rely on the cheap "socket still open" check only). */
        public Builder disableProbe() {
            poolConfig.validateAfterIdle(Duration.ZERO);
            return this;
        }

        /** Bound on one health probe. Default 1 s. */
        public Builder probeTimeout(Duration timeout) {
            poolConfig.validationTimeout(timeout);
            return this;
        }

        /**
         * Probes idle connections by calling {@code serviceMethod} with {@code args} (a reply or a
         * server error both mean healthy) instead of the default call to a missing service.
         */
        public Builder probeMethod(String serviceMethod, Object args) {
            this.probeMethod = Objects.requireNonNull(serviceMethod, "probeMethod");
            this.probeArgs = args;
            return this;
        }

        /**
         * As {@link #retryOnIdleClose(Duration, Predicate)} with a quiet time of
         * {@link #DEFAULT_IDLE_CLOSE_MIN_IDLE} (1 s), below the idle timeouts of servers and load
         * balancers.
         */
        public Builder retryOnIdleClose(Predicate<String> idempotentMethods) {
            return retryOnIdleClose(DEFAULT_IDLE_CLOSE_MIN_IDLE, idempotentMethods);
        }

        /**
         * Sends a call again on another connection when the server closed its connection as idle
         * just as the request went out, for the methods {@code idempotentMethods} accepts (given
         * {@code "Service.Method"}; {@code m -> true} for all). Servers and load balancers that close
         * idle connections race with every pooled client: a request written on a connection the
         * moment its close is under way fails with a {@link TransportException} though the server
         * never read it. Off by default: no method is sent twice.
         *
         * <p>A call is sent again exactly when all of these hold: its method is accepted; its
         * request was written on a connection on which nothing had been read or written for at
         * least {@code minIdle} before (the calls written together after that quiet time count
         * alike); the server then closed the connection (end of stream or reset, not a timeout)
         * before a single byte came back on it; and the call's deadline has not passed. The new
         * attempt shares the call's one deadline. A call is retried at most {@value #MAX_RETRIES}
         * times, so sent at most that many more times, each after another connection failed in that
         * way.
         *
         * <p>When it may run twice: a server that read the request, started or finished the work,
         * and then closed the connection or died before writing any reply (a crash, a kill, a
         * restart) looks the same from here. Only name methods for which running twice is harmless,
         * or at least better than failing.
         *
         * @param minIdle quiet time before the request; below the server's idle timeout, positive
         * @throws IllegalArgumentException if {@code minIdle} is not positive
         */
        public Builder retryOnIdleClose(Duration minIdle, Predicate<String> idempotentMethods) {
            Objects.requireNonNull(minIdle, "minIdle");
            Objects.requireNonNull(idempotentMethods, "idempotentMethods");
            if (minIdle.isNegative() || minIdle.isZero()) {
                throw new IllegalArgumentException("retryOnIdleClose minIdle must be positive, was " + minIdle);
            }
            this.idleCloseRetry = new IdleCloseRetry(minIdle, idempotentMethods);
            return this;
        }

        /**
         * The idle timeout of the server, or of a load balancer or proxy in front of it: how long a
         * connection may carry no bytes either way before that side closes it. The pool then never
         * hands out a connection that has been quiet for longer than this minus a safety margin,
         * {@code min(serverIdleTimeout / 2, 1 s)} (see {@link RpcClientPool#quietLimit()}); it closes
         * such a connection and the caller gets another one within its deadline. Idle connections
         * past the limit are also closed by the pool's maintenance pass (every second).
         *
         * <p>Why: a server closes an idle connection at a moment of its choosing; a request written
         * on that connection just then crosses the server's FIN, is never read, and fails (see
         * {@link #retryOnIdleClose}). Reusing only connections with time to spare closes that window
         * without sending anything twice. The margin covers what separates the two sides' clocks of
         * "last activity": the network's delay, a late event loop or a GC pause between the check
         * and the request reaching the server. Quiet time is measured from the connection's last
         * read or write, as the server's timer is; a call submitted on it and not yet written counts
         * as activity, and a connection with a call in flight is never closed for being quiet.
         * Off by default (no clock is read to check it); when on, the check reads the clock once per
         * hand-out, lock-free, on the calling thread.
         *
         * <p>Thread-safety: as the builder (one thread); the pool it builds checks the limit safely
         * from any number of threads.
         *
         * <p>Example: a Go server behind an AWS load balancer with a 60 s idle timeout:
         * {@code serverIdleTimeout(Duration.ofSeconds(60))} reuses connections quiet up to 59 s.
         *
         * @param serverIdleTimeout the server's idle timeout; positive
         * @throws NullPointerException if {@code serverIdleTimeout} is null
         * @throws IllegalArgumentException if {@code serverIdleTimeout} is zero or negative
         */
        public Builder serverIdleTimeout(Duration serverIdleTimeout) {
            Objects.requireNonNull(serverIdleTimeout, "serverIdleTimeout");
            if (serverIdleTimeout.isNegative() || serverIdleTimeout.isZero()) {
                throw new IllegalArgumentException("serverIdleTimeout must be positive (the idle timeout of the server"
                        + " or of the load balancer in front of it, like 60s), was " + serverIdleTimeout);
            }
            this.serverIdleTimeout = serverIdleTimeout;
            return this;
        }

        /** Bound on callers waiting for a connection; beyond it calls fail at once. Default unbounded. */
        public Builder maxWaiters(int maxWaiters) {
            poolConfig.maxWaiters(maxWaiters);
            return this;
        }

        /** First and longest pause between connect attempts while the server refuses. Defaults 100 ms, 5 s. */
        public Builder connectBackoff(Duration base, Duration max) {
            poolConfig.backoffBase(base).backoffMax(max);
            return this;
        }

        /** Largest message accepted from the server. Default 16 MiB. */
        public Builder maxMessageBytes(int maxMessageBytes) {
            this.maxMessageBytes = maxMessageBytes;
            return this;
        }

        /** Connect with Go's HTTP CONNECT handshake on the default path {@code /_goRPC_} ({@code rpc.HandleHTTP}). */
        public Builder http() {
            return httpPath(RpcClientOptions.DEFAULT_HTTP_PATH);
        }

        /** Connect with Go's HTTP CONNECT handshake on {@code path} ({@code rpc.DialHTTPPath}). */
        public Builder httpPath(String path) {
            this.httpPath = Objects.requireNonNull(path, "httpPath");
            return this;
        }

        /**
         * Connect with TLS; {@code null} (the default) means plaintext. The server's certificate must
         * chain to a trusted CA and name the host of {@code address} (hostname verification), unless
         * {@code tls} disables that. The connect timeout covers the handshake.
         *
         * @throws IllegalArgumentException if {@code tls} cannot serve a client (names the setting)
         */
        public Builder tls(TlsOptions tls) {
            if (tls != null) {
                tls.clientContext(); // fail here, naming the setting, not on the first call
            }
            this.tls = tls;
            return this;
        }

        /** Share I/O threads with other pools and servers; the pool then does not close them. */
        public Builder eventLoops(EventLoopResources loops) {
            this.eventLoops = Objects.requireNonNull(loops, "eventLoops");
            return this;
        }

        /**
         * Where {@code callAsync} futures complete. Default {@link ForkJoinPool#commonPool()}.
         * {@code Runnable::run} is the same as {@link #directCallbacks()}.
         */
        public Builder callbackExecutor(Executor executor) {
            this.callbackExecutor = Objects.requireNonNull(executor, "callbackExecutor");
            return this;
        }

        /**
         * Completes {@code callAsync} futures on the I/O thread that read the reply, with no hand-off
         * to another thread: the fastest way to keep many calls in flight (gRPC-java's
         * {@code directExecutor()}; measured in docs/benchmarks-e2e-history.md, "Direct callbacks"), for callbacks that are
         * short and never block, since the I/O thread serves other connections too. A
         * {@code callAsync} made from such a callback never blocks the I/O thread: when no
         * connection is free at once it waits on one of the pool's own threads. A blocking
         * {@code call} there throws {@link IllegalStateException}, as it could never see its reply.
         * As always with {@code CompletableFuture}, a callback attached to a future that is already
         * complete runs at once on the attaching thread; a chain that starts its next call from the
         * callback should loop, not recurse, over calls that fail at once (a server refusing
         * connections fails them without I/O), or its stack grows with each one.
         */
        public Builder directCallbacks() {
            this.callbackExecutor = DirectExecutor.INSTANCE;
            return this;
        }

        /**
         * How a blocking {@code call} waits for its reply: {@link SyncWait#ADAPTIVE} (default) polls
         * only while few callers wait; {@link SyncWait#SPIN} lets every caller poll, for more calls
         * per second from many threads at the price of CPU time; {@link SyncWait#PARK} never polls.
         * A caller waiting for a free connection (exclusive mode) parks in every mode.
         */
        public Builder syncWait(SyncWait syncWait) {
            this.syncWait = Objects.requireNonNull(syncWait, "syncWait");
            return this;
        }

        /** Receives pool events (connections opened and closed, timeouts, connect failures), for metrics. */
        public Builder listener(PoolListener listener) {
            poolConfig.listener(listener);
            return this;
        }

        /**
         * Hears how every call ended and how long it took (see {@link CallListener}), for per-method
         * metrics. Default none, and then no clock is read for it.
         */
        public Builder callListener(CallListener listener) {
            this.callListener = Objects.requireNonNull(listener, "callListener");
            return this;
        }

        /** Warns with the caller's stack when a call holds its connection longer than this. Default off. */
        public Builder leakDetectionThreshold(Duration threshold) {
            poolConfig.leakDetectionThreshold(threshold);
            return this;
        }

        /**
         * Test hook, not API: runs on the calling thread after a connection is leased and before the
         * call is written, so tests can break the connection in exactly that window.
         */
        Builder beforeCall(Consumer<RpcClient> hook) {
            this.beforeCall = Objects.requireNonNull(hook, "hook");
            return this;
        }

        /**
         * Builds and starts the pool. No connection is opened on this thread.
         *
         * @throws IllegalArgumentException naming the setting that is out of range
         */
        public RpcClientPool build() {
            if (maxInFlightPerConnection < 1) {
                throw new IllegalArgumentException("maxInFlightPerConnection must be in [1, "
                        + PoolConfig.MAX_LEASES_LIMIT + "], was " + maxInFlightPerConnection);
            }
            if (callTimeout.isNegative() || callTimeout.isZero()) {
                throw new IllegalArgumentException("callTimeout must be positive, was " + callTimeout);
            }
            if (connectTimeout.isNegative() || connectTimeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive, was " + connectTimeout);
            }
            return new RpcClientPool(this, address);
        }
    }
}
