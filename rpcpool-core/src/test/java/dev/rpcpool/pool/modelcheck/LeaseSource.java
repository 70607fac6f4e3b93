package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.modelcheck.InMemoryConnector.Conn;
import java.time.Duration;

/** What the model check exercises: the pool's acquire and close, so a broken variant can stand in. */
interface LeaseSource {

    Lease<Conn> acquire(Duration timeout);

    /** A lease if one can be had at once without connecting, else null. */
    Lease<Conn> tryAcquire();

    void close();

    boolean isTerminated();
}
