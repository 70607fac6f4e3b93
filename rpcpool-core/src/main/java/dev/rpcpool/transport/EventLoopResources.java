package dev.rpcpool.transport;

import dev.rpcpool.transport.internal.IoThreads;
import dev.rpcpool.transport.internal.SpinningSelectStrategy;
import io.netty.channel.DefaultSelectStrategyFactory;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SelectStrategyFactory;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * The I/O threads shared by any number of RPC clients and servers: one Netty event loop group,
 * native epoll when available (else NIO). Connections are spread over its threads; no connection
 * gets a thread of its own.
 *
 * <p>Create one per application, pass it to every {@code RpcConnector} and {@code RpcServer}, and
 * close it last. Thread-safety: thread-safe; {@link #close()} is idempotent and waits until every
 * I/O thread has stopped.
 */
public final class EventLoopResources implements AutoCloseable {
    /**
     * Default number of I/O threads: one per core the JVM may use (event loops only do CPU-light
     * work). Not more: a connection stays on its thread, so two I/O threads sharing one core leave
     * one connection's replies unread for a scheduler time slice whenever the other runs (one core,
     * 64 calls in flight: p99 3.6–6.2 ms with two threads, 2.3–3.7 ms with one; see
     * docs/benchmarks-e2e-history.md, "The c64 tail with the client on its own core").
     */
    public static final int DEFAULT_THREADS = Runtime.getRuntime().availableProcessors();

    /**
     * How long an idle I/O thread keeps polling, instead of sleeping, while a synchronous caller of
     * one of its connections polls for its reply (and so is about to send again): 50 µs, system
     * property {@code rpcpool.ioSpinMicros} (0 turns it off). Asynchronous callers never cause it;
     * native epoll only.
     */
    static final long IO_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(Long.getLong("rpcpool.ioSpinMicros", 50));
    private static final Duration SHUTDOWN_QUIET = Duration.ZERO;
    private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

    private final EventLoopGroup group;
    private final boolean epoll;

    private EventLoopResources(int threads, boolean preferNative) {
        ThreadFactory factory = IoThreads.factory("rpcpool-io");
        this.epoll = preferNative && Epoll.isAvailable();
        // epoll only: NIO's loop counts select returns without work to detect the JDK's spinning
        // selector bug, and polling would look like it
        SelectStrategyFactory strategy = epoll && IO_POLL_NANOS > 0 ? SpinningSelectStrategy.factory(IO_POLL_NANOS)
                : DefaultSelectStrategyFactory.INSTANCE;
        this.group = epoll ? new EpollEventLoopGroup(threads, factory, strategy)
                : new NioEventLoopGroup(threads, factory, SelectorProvider.provider(), strategy);
    }

    /** Creates {@link #DEFAULT_THREADS} I/O threads, native epoll when available. */
    public static EventLoopResources create() {
        return create(DEFAULT_THREADS);
    }

    /**
     * Creates {@code threads} I/O threads, native epoll when available.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static EventLoopResources create(int threads) {
        return create(threads, true);
    }

    /**
     * Creates {@code threads} I/O threads; {@code preferNative=false} forces the portable NIO
     * transport.
     *
     * @throws IllegalArgumentException if {@code threads < 1}
     */
    public static EventLoopResources create(int threads, boolean preferNative) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, was " + threads);
        }
        return new EventLoopResources(threads, preferNative);
    }

    /** The event loop group; for rpcpool's own use. */
    public EventLoopGroup group() {
        return group;
    }

    /** True when the native epoll transport is in use. */
    public boolean isNative() {
        return epoll;
    }

    /** The client socket channel class matching {@link #group()}. */
    public Class<? extends SocketChannel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /** The server socket channel class matching {@link #group()}. */
    public Class<? extends ServerSocketChannel> serverChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    /**
     * Stops the I/O threads and waits up to 5 s for them to end. Close clients and servers first:
     * their connections are closed abruptly otherwise.
     */
    @Override
    public void close() {
        group.shutdownGracefully(SHUTDOWN_QUIET.toMillis(), SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT.toMillis() + 1000);
    }

    @Override
    public String toString() {
        return "EventLoopResources[" + (epoll ? "epoll" : "nio") + "]";
    }
}
