package dev.rpcpool.rpc;

import dev.rpcpool.rpc.internal.ClientHandler;
import dev.rpcpool.transport.EventLoopResources;
import dev.rpcpool.transport.internal.HttpConnectClientHandler;
import dev.rpcpool.transport.internal.Pipelines;
import dev.rpcpool.transport.internal.TlsPipeline;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelPipeline;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutionException;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Opens {@link RpcClient} connections with fixed {@link RpcClientOptions} on shared
 * {@link EventLoopResources}. TCP_NODELAY is on; the connect timeout covers TCP connect, the TLS
 * handshake (with {@link RpcClientOptions#tls()}) and, in HTTP CONNECT mode, the CONNECT exchange;
 * a connection is handed out only after all of them succeeded.
 *
 * <p>Thread-safety: immutable and thread-safe. Futures from {@link #connectAsync} complete on the
 * options' callback executor.
 */
public final class RpcConnector {
    private final EventLoopResources loops;
    private final RpcClientOptions options;

    public RpcConnector(EventLoopResources loops, RpcClientOptions options) {
        this.loops = Objects.requireNonNull(loops, "loops");
        this.options = Objects.requireNonNull(options, "options");
    }

    public RpcClientOptions options() {
        return options;
    }

    /**
     * Connects to {@code address}.
     *
     * @return a future completed with a ready client, or failed with {@link ConnectFailedException}
     */
    public CompletableFuture<RpcClient> connectAsync(InetSocketAddress address) {
        return open(address, options.callbackExecutor());
    }

    /**
     * As {@link #connectAsync(InetSocketAddress)}, completing the future through {@code completer}
     * instead of the callback executor. {@code Runnable::run} completes it on the I/O thread, saving
     * a thread hop: only for dependents that never block and run no user code, such as waking a
     * thread blocked on the future.
     */
    public CompletableFuture<RpcClient> connectAsync(InetSocketAddress address, Executor completer) {
        return open(address, Objects.requireNonNull(completer, "completer"));
    }

    /**
     * Connects and waits at most {@code timeout} (which may be shorter than the options' connect
     * timeout: a caller's remaining deadline). A connection that completes after the wait gave up
     * is closed, never leaked.
     *
     * @throws ConnectFailedException if the connection cannot be established
     * @throws TimeoutException if {@code timeout} passed first
     * @throws InterruptedException if the waiting thread was interrupted
     */
    public RpcClient connect(InetSocketAddress address, Duration timeout) throws TimeoutException, InterruptedException {
        // the only dependent is this blocked thread, so completing on the I/O thread runs no user
        // code there and saves a hop through the callback executor (one thread on a 2-core box)
        CompletableFuture<RpcClient> f = open(address, Runnable::run);
        try {
            return f.get(Math.max(1, timeout.toNanos()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ConnectFailedException(RpcClient.hostPort(address), e.getCause());
        } catch (TimeoutException | InterruptedException e) {
            f.thenAccept(RpcClient::close);
            throw e;
        }
    }

    private CompletableFuture<RpcClient> open(InetSocketAddress address, Executor completer) {
        String hostPort = RpcClient.hostPort(address);
        CompletableFuture<RpcClient> result = new CompletableFuture<>();
        ClientHandler handler = new ClientHandler(options.codec().newClientCodec(options.maxMessageBytes()), hostPort,
                options.callbackExecutor(), options.maxInFlight());
        // completed on the channel's event loop by the handshake handler; listeners run right there
        Promise<Void> handshake = ImmediateEventExecutor.INSTANCE.newPromise();
        Bootstrap b = new Bootstrap()
                .group(loops.group())
                .channel(loops.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, options.connectTimeout().toMillis()))
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ChannelPipeline p = ch.pipeline();
                        if (options.tls() != null) {
                            // TLS first; in HTTP CONNECT mode the CONNECT exchange then runs inside TLS
                            TlsPipeline.addClient(ch, options.tls(), address, options.connectTimeout(), handshake,
                                    options.httpPath() == null);
                        } else {
                            TlsPipeline.addPlaintextClient(ch);
                        }
                        if (options.httpPath() != null) {
                            p.addLast(Pipelines.HTTP_CONNECT, new HttpConnectClientHandler(options.httpPath(), handshake));
                        } else if (options.tls() == null) {
                            handshake.setSuccess(null);
                        }
                        p.addLast(Pipelines.RPC, handler);
                    }
                });
        ChannelFuture connect = b.connect(address);
        Channel ch = connect.channel();
        connect.addListener(f -> {
            if (!f.isSuccess()) {
                fail(result, hostPort, f.cause(), completer);
                return;
            }
            handshake.addListener(h -> {
                if (h.isSuccess()) {
                    complete(result, new RpcClient(handler, address, options.syncWait()), completer);
                } else {
                    fail(result, hostPort, h.cause(), completer);
                    ch.close();
                }
            });
        });
        // TCP connect has its own timeout; this one bounds the handshake as well
        ScheduledFuture<?> timer = ch.eventLoop().schedule(() -> {
            if (!result.isDone()) {
                String what = TlsPipeline.handshakePending(ch) ? "TLS handshake not finished after " : "timed out after ";
                fail(result, hostPort, new TimeoutException(what + options.connectTimeout().toMillis() + " ms"), completer);
                ch.close();
            }
        }, options.connectTimeout().toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((c, e) -> timer.cancel(false));
        return result;
    }

    /**
     * Connects and waits.
     *
     * @throws ConnectFailedException if the connection cannot be established
     */
    public RpcClient connect(InetSocketAddress address) {
        try {
            return open(address, Runnable::run).join(); // a blocked caller: complete on the I/O thread
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw e;
        }
    }

    private static void complete(CompletableFuture<RpcClient> result, RpcClient client, Executor completer) {
        try {
            completer.execute(() -> {
                if (!result.complete(client)) {
                    client.close(); // lost to the timeout
                }
            });
        } catch (RejectedExecutionException e) {
            client.close();
            result.completeExceptionally(e);
        }
    }

    private static void fail(CompletableFuture<RpcClient> result, String hostPort, Throwable cause, Executor completer) {
        ConnectFailedException e = new ConnectFailedException(hostPort, cause);
        try {
            completer.execute(() -> result.completeExceptionally(e));
        } catch (RejectedExecutionException rejected) {
            result.completeExceptionally(e);
        }
    }
}
