package dev.rpcpool.rpc;

import dev.rpcpool.rpc.internal.ServerHandler;
import dev.rpcpool.rpc.internal.ServerState;
import dev.rpcpool.rpc.internal.ServiceRegistry;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.internal.HttpConnectServerHandler;
import dev.rpcpool.transport.internal.Pipelines;
import dev.rpcpool.transport.internal.TlsPipeline;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A {@code net/rpc} server, Go's {@code rpc.Server} the Java way: Go clients (and {@link RpcClient})
 * call the public methods of registered service objects.
 *
 * <p>Service rules, checked by {@link #register}: every public instance method of the service's
 * class (those inherited from {@code Object} excepted) becomes {@code Name.Method}, the method name
 * capitalised as Go exports it ({@code multiply} → {@code Arith.Multiply}). Each must take exactly
 * one argument (the request's params, decoded into that parameter type) and return the reply;
 * overloaded names are rejected. A method that throws answers the call with the exception's message
 * as Go's error text (so {@code throw new IllegalArgumentException("divide by zero")} reads as Go's
 * {@code errors.New("divide by zero")}). A {@code null} return is sent as a null/empty reply.
 * Unknown services and methods are answered with Go's texts ({@code rpc: can't find service X.Y},
 * {@code rpc: can't find method X.Y}, {@code rpc: service/method request ill-formed: X}).
 *
 * <p>Requests of one connection run concurrently on a bounded executor (never on an I/O thread,
 * unless {@link RpcServerOptions.Builder#directExecutor()} asks for it) and replies go out as they
 * finish. Limits (message size, connections, concurrent requests per
 * connection) are in {@link RpcServerOptions}; bad input closes only its connection.
 *
 * <p>Thread-safety: thread-safe. {@link #register} may be called before or after {@link #start}.
 * {@link #shutdown} and {@link #close} are idempotent.
 */
public final class RpcServer implements AutoCloseable {
    /** How long {@link #close()} lets in-flight requests finish. */
    public static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger SERVER_IDS = new AtomicInteger();

    private final EventLoopResources loops;
    private final RpcServerOptions options;
    private final ServiceRegistry registry = new ServiceRegistry();
    private final ExecutorService ownExecutor;
    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ServerState state;
    private final Object lifecycle = new Object();
    private Channel serverChannel;
    private boolean started;
    private Boolean shutdownResult;

    public RpcServer(EventLoopResources loops, RpcServerOptions options) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.options = Objects.requireNonNull(options, "options");
        if (options.executor() == null) {
            ThreadPoolExecutor pool = new ThreadPoolExecutor(options.workerThreads(), options.workerThreads(),
                    30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
                    new DefaultThreadFactory("rpcpool-server-" + SERVER_IDS.incrementAndGet(), true));
            // idle servers keep no threads; the queue is bounded in practice by
            // maxConnections x maxConcurrentRequestsPerConnection
            pool.allowCoreThreadTimeOut(true);
            this.ownExecutor = pool;
        } else {
            this.ownExecutor = null;
        }
        this.state = new ServerState(registry, ownExecutor != null ? ownExecutor : options.executor(),
                options.maxConcurrentRequestsPerConnection(), options.maxConnections(), channels,
                options.maxBufferedRequestBytes(), options.incompleteRequestTimeout().toNanos(), options.requestListener());
    }

    /**
     * Publishes the public methods of {@code service} under {@code name} (Go's {@code RegisterName}).
     *
     * @return this server
     * @throws IllegalArgumentException if the name is empty or already used, or a public method
     *     breaks the rules in the class comment (the message names it)
     */
    public RpcServer register(String name, Object service) {
        registry.register(name, service);
        return this;
    }

    /** Publishes {@code service} under its class's simple name (Go's {@code Register}). */
    public RpcServer register(Object service) {
        return register(Objects.requireNonNull(service, "service").getClass().getSimpleName(), service);
    }

    /**
     * Starts listening on {@code bind} (port 0 picks a free port).
     *
     * @return the address actually bound
     * @throws IllegalStateException if already started or shut down
     * @throws TransportException if the address cannot be bound
     */
    public InetSocketAddress start(InetSocketAddress bind) {
        synchronized (lifecycle) {
            if (started) {
                throw new IllegalStateException("server already started");
            }
            started = true;
        }
        ServerBootstrap b = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverChannelClass())
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (options.tls() != null) {
                            TlsPipeline.addServer(ch, options.tls());
                        }
                        if (options.httpPath() != null) {
                            p.addLast(Pipelines.HTTP_CONNECT, new HttpConnectServerHandler(options.httpPath()));
                        }
                        p.addLast(Pipelines.RPC, new ServerHandler(
                                options.codec().newServerCodec(options.maxMessageBytes()), state));
                    }
                });
        var bound = b.bind(bind).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            throw new TransportException("cannot listen on " + RpcClient.hostPort(bind) + ": "
                    + bound.cause().getMessage(), bound.cause(), true);
        }
        synchronized (lifecycle) {
            serverChannel = bound.channel();
            if (shutdownResult != null) {
                serverChannel.close();
            }
        }
        return address();
    }

    /** The bound address; {@code null} before {@link #start}. */
    public InetSocketAddress address() {
        Channel ch = serverChannel;
        return ch == null ? null : (InetSocketAddress) ch.localAddress();
    }

    /** Open client connections. */
    public int connections() {
        return state.connections();
    }

    /**
     * Bytes held in requests that have not fully arrived, over all connections; never above
     * {@link RpcServerOptions#maxBufferedRequestBytes()}.
     */
    public long bufferedRequestBytes() {
        return state.bufferedBytes();
    }

    /**
     * Graceful shutdown: stops accepting and reading new requests, lets requests in flight finish
     * and send their replies for up to {@code timeout}, then closes every connection and stops the
     * server-owned executor (interrupting methods still running).
     *
     * @return true if every in-flight request finished in time
     */
    public boolean shutdown(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        Channel listener;
        synchronized (lifecycle) {
            if (shutdownResult != null) {
                return shutdownResult;
            }
            shutdownResult = Boolean.FALSE;
            listener = serverChannel;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        state.startClosing();
        if (listener != null) {
            listener.close().awaitUninterruptibly();
        }
        // barrier: once each connection's event loop ran this, none will decode another request
        List<Future<?>> barriers = new ArrayList<>();
        for (Channel ch : channels) {
            try {
                barriers.add(ch.eventLoop().submit(() -> ch.config().setAutoRead(false)));
            } catch (RejectedExecutionException e) {
                // its event loop is gone (EventLoopResources closed first): so is the connection
            }
        }
        barriers.forEach(Future::awaitUninterruptibly);
        state.armDrain();
        boolean drained = awaitDrained(deadline);
        for (Channel ch : channels) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
        channels.newCloseFuture().awaitUninterruptibly(Math.max(1000, remainingMillis(deadline)));
        if (ownExecutor != null) {
            ownExecutor.shutdownNow();
            try {
                ownExecutor.awaitTermination(Math.max(1000, remainingMillis(deadline)), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        synchronized (lifecycle) {
            shutdownResult = drained;
        }
        return drained;
    }

    private boolean awaitDrained(long deadline) {
        try {
            state.drained().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return false;
        }
    }

    private static long remainingMillis(long deadline) {
        return TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
    }

    /** {@link #shutdown(Duration)} with {@link #DEFAULT_SHUTDOWN_TIMEOUT}. */
    @Override
    public void close() {
        shutdown(DEFAULT_SHUTDOWN_TIMEOUT);
    }

    @Override
    public String toString() {
        return "RpcServer[" + address() + ", codec=" + options.codec().name() + ", connections=" + connections()
                + ", inFlight=" + state.inFlight() + "]";
    }
}
