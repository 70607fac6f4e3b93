package dev.rpcpool.pool;

import dev.rpcpool.pool.TestConnector.Conn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Timeout;

/** A test connector, a fake clock, and a pool closed after each test. */
@Timeout(60)
abstract class PoolTestSupport {
    final TestConnector connector = new TestConnector();
    final FakeClock clock = new FakeClock();
    ConnectionPool<Conn> pool;

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    ConnectionPool<Conn> pool(PoolConfig.Builder b) {
        pool = ConnectionPool.create(connector, b.build());
        return pool;
    }
}
