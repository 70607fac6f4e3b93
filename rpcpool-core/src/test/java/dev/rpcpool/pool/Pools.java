package dev.rpcpool.pool;

import java.time.Duration;

/** Shorthands for tests. */
final class Pools {
    private Pools() {
    }

    /** A builder with no background thread, so tests drive maintenance and time themselves. */
    static PoolConfig.Builder manual(String name) {
        return PoolConfig.builder(name).maintenanceInterval(Duration.ZERO);
    }
}
