package dev.rpcpool;

import dev.rpcpool.codec.Codec;
import dev.rpcpool.demo.DemoServices;
import dev.rpcpool.rpc.RpcServer;
import dev.rpcpool.rpc.RpcServerOptions;
import dev.rpcpool.transport.EventLoopResources;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real rpcpool server on a free loopback port, with the demo services plus test services that
 * count what they see. Thread-safety: thread-safe.
 */
final class TestServer implements AutoCloseable {
    /** Request for {@code Delay.Echo}: returns {@code id} after sleeping {@code delayMs}. */
    public record Delayed(long id, int delayMs) {}

    /** {@code Delay.Echo}: the reply names its request, so a misdelivered reply is caught. */
    public static final class Delay {
        public long echo(Delayed d) throws InterruptedException {
            if (d.delayMs() > 0) {
                Thread.sleep(d.delayMs());
            }
            return d.id();
        }
    }

    /** {@code Counter.Inc} and {@code Counter.Probe}: count invocations. */
    public static final class Counter {
        final AtomicInteger incs = new AtomicInteger();
        final AtomicInteger probes = new AtomicInteger();

        public int inc(int ignored) {
            return incs.incrementAndGet();
        }

        public int probe(int ignored) {
            return probes.incrementAndGet();
        }
    }

    /** {@code Ledger.Record}: returns its id and remembers it, so a request executed twice is caught. */
    public static final class Ledger {
        final Set<Long> seen = ConcurrentHashMap.newKeySet();
        final AtomicInteger duplicates = new AtomicInteger();

        public long record(long id) {
            if (!seen.add(id)) {
                duplicates.incrementAndGet();
            }
            return id;
        }
    }

    final EventLoopResources loops = EventLoopResources.create(2);
    final Counter counter = new Counter();
    final Ledger ledger = new Ledger();
    final RpcServer server;
    final InetSocketAddress address;

    TestServer(Codec codec) {
        this(codec, 0);
    }

    TestServer(Codec codec, int port) {
        this(RpcServerOptions.builder(codec).build(), port);
    }

    TestServer(RpcServerOptions options, int port) {
        server = DemoServices.registerAll(new RpcServer(loops, options))
                .register("Delay", new Delay())
                .register("Counter", counter)
                .register("Ledger", ledger);
        address = server.start(new InetSocketAddress("127.0.0.1", port));
    }

    String hostPort() {
        return address.getHostString() + ":" + address.getPort();
    }

    int connections() {
        return server.connections();
    }

    @Override
    public void close() {
        server.shutdown(Duration.ofSeconds(2));
        loops.close();
    }
}
