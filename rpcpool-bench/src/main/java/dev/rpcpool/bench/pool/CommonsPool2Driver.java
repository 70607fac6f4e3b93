package dev.rpcpool.bench.pool;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.commons.pool2.BasePooledObjectFactory;
import org.apache.commons.pool2.PooledObject;
import org.apache.commons.pool2.impl.DefaultPooledObject;
import org.apache.commons.pool2.impl.GenericObjectPool;
import org.apache.commons.pool2.impl.GenericObjectPoolConfig;

/**
 * Apache Commons Pool 2's {@link GenericObjectPool}, configured as its documentation describes:
 * a {@link BasePooledObjectFactory}, {@code maxTotal = maxIdle = size}, blocking when exhausted.
 * Validation, eviction and abandoned-object tracking stay at their defaults (off).
 */
final class CommonsPool2Driver implements PoolDriver {
    private final GenericObjectPool<Conn> pool;

    CommonsPool2Driver(int size) throws Exception {
        GenericObjectPoolConfig<Conn> config = new GenericObjectPoolConfig<>();
        config.setMaxTotal(size);
        config.setMaxIdle(size);
        config.setBlockWhenExhausted(true);
        config.setMaxWait(Duration.ofSeconds(ACQUIRE_TIMEOUT_SECONDS));
        // JMX registration happens once at construction, never per borrow; off so that tests can
        // create many pools in one JVM without MBean name churn.
        config.setJmxEnabled(false);
        pool = new GenericObjectPool<>(new ConnFactory(), config);
        // Fill the pool up front, as every other contender's setup does.
        for (int i = 0; i < size; i++) {
            pool.addObject();
        }
    }

    @Override
    public int cycle() throws Exception {
        Conn conn = pool.borrowObject();
        try {
            return conn.id();
        } finally {
            pool.returnObject(conn);
        }
    }

    @Override
    public void close() {
        pool.close();
    }

    /** Creates {@link Conn}s with increasing ids. */
    private static final class ConnFactory extends BasePooledObjectFactory<Conn> {
        private final AtomicInteger created = new AtomicInteger();

        @Override
        public Conn create() {
            return new Conn(created.getAndIncrement());
        }

        @Override
        public PooledObject<Conn> wrap(Conn conn) {
            return new DefaultPooledObject<>(conn);
        }
    }
}
