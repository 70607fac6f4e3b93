package dev.rpcpool.bench.pool;

import dev.rpcpool.pool.ConnectionPool;
import dev.rpcpool.pool.Connector;
import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.PoolConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * rpcpool's own {@link ConnectionPool}, in exclusive mode ({@code maxLeasesPerConnection = 1}, one
 * caller per connection, like every other contender) or shared mode (one connection carries many
 * leases at once, as multiplexed RPC connections do).
 *
 * <p>Configured like the other contenders: {@code size} connections opened before measuring
 * ({@code minIdle} + pre-warm), none ever expiring (idle timeout and lifetime off). The maintenance
 * thread keeps its default one-second interval, since every real pool runs it.
 */
final class RpcpoolDriver implements PoolDriver {
    /**
     * Leases per connection in shared mode: more than the benchmark's largest thread count, so a
     * shared acquire never waits and the row shows the cost of sharing itself.
     */
    static final int SHARED_LEASES_PER_CONNECTION = 64;

    private final ConnectionPool<Conn> pool;

    RpcpoolDriver(int size, int leasesPerConnection) throws Exception {
        PoolConfig config = PoolConfig.builder("bench")
                .maxConnections(size)
                .maxLeasesPerConnection(leasesPerConnection)
                .minIdle(size)
                .prewarm(true)
                .acquireTimeout(Duration.ofSeconds(ACQUIRE_TIMEOUT_SECONDS))
                .idleTimeout(Duration.ZERO)
                .maxLifetime(Duration.ZERO)
                .build();
        pool = ConnectionPool.create(new ConnConnector(), config);
        pool.ready().get(ACQUIRE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    public int cycle() {
        Lease<Conn> lease = pool.acquire();
        try {
            return lease.connection().id();
        } finally {
            lease.release();
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Opens {@link Conn}s with increasing ids; nothing to check or close. */
    private static final class ConnConnector implements Connector<Conn> {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Conn connect(Duration timeout) {
            return new Conn(created.getAndIncrement());
        }

        @Override
        public void close(Conn connection) {
            // a Conn holds no resources
        }
    }
}
