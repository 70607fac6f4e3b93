package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@link ConnectionPool#tryAcquire()}: a lease now or null, never a wait, a connect or a validation. */
class TryAcquireTest extends PoolTestSupport {
    @Test
    void anIdleConnectionIsLeasedAtOnce() {
        pool(Pools.manual("try-idle").maxConnections(2));
        Lease<Conn> first = pool.acquire();
        Conn c = first.connection();
        first.release();
        Lease<Conn> lease = pool.tryAcquire();
        assertThat(lease).isNotNull();
        assertThat(lease.connection()).isSameAs(c);
        assertThat(pool.stats().leased()).isEqualTo(1);
        lease.release();
        assertThat(pool.stats().leased()).isZero();
    }

    @Test
    void nothingIsOpenedWhenNoConnectionIsIdleEvenBelowTheCap() {
        pool(Pools.manual("try-empty").maxConnections(4));
        assertThat(pool.tryAcquire()).isNull();
        assertThat(connector.connectAttempts).hasValue(0);

        Lease<Conn> held = pool.acquire();
        assertThat(pool.tryAcquire()).as("the only connection is leased").isNull();
        assertThat(connector.connectAttempts).hasValue(1);
        held.release();
    }

    @Test
    void aSharedConnectionWithRoomIsLeasedAgainUpToItsLimit() {
        pool(Pools.manual("try-shared").maxConnections(1).maxLeasesPerConnection(2));
        Lease<Conn> first = pool.acquire();
        Lease<Conn> second = pool.tryAcquire();
        assertThat(second).isNotNull();
        assertThat(second.connection()).isSameAs(first.connection());
        assertThat(pool.tryAcquire()).as("two leases is the limit").isNull();
        first.release();
        second.release();
    }

    @Test
    void queuedCallersAreNeverOvertaken() throws Exception {
        pool(Pools.manual("try-fifo").maxConnections(1));
        Lease<Conn> held = pool.acquire();
        CompletableFuture<Lease<Conn>> waiter = queuedCaller();
        held.release(); // granted to the waiter, not left for tryAcquire
        Lease<Conn> granted = waiter.get(5, TimeUnit.SECONDS);
        assertThat(pool.tryAcquire()).isNull();
        granted.release();
        assertThat(pool.tryAcquire()).as("nobody waits any more").isNotNull().satisfies(Lease::release);
    }

    @Test
    void aConnectionDueForValidationIsLeftIdleForAcquireToValidate() {
        pool(Pools.manual("try-validate").clock(clock).maxConnections(1).validateAfterIdle(Duration.ofSeconds(1)));
        pool.acquire().release();
        clock.advance(Duration.ofSeconds(2));

        assertThat(pool.tryAcquire()).isNull();
        assertThat(connector.validations).as("validation may block: not done by tryAcquire").hasValue(0);
        assertThat(pool.stats().idle()).isEqualTo(1);

        Lease<Conn> lease = pool.acquire(Duration.ZERO);
        assertThat(connector.validations).hasValue(1);
        assertThat(connector.connectAttempts).as("the same connection, validated").hasValue(1);
        lease.release();
    }

    @Test
    void aConnectionWhosePeerLeftIsClosedNotLeased() {
        pool(Pools.manual("try-dead").maxConnections(1));
        Lease<Conn> lease = pool.acquire();
        Conn c = lease.connection();
        lease.release();
        c.peerClosed = true;
        assertThat(pool.tryAcquire()).isNull();
        assertThat(c.open).isFalse();
        assertThat(pool.stats().open()).isZero();
    }

    @Test
    void aClosedPoolSaysSo() {
        pool(Pools.manual("try-closed"));
        pool.close();
        assertThatThrownBy(pool::tryAcquire).isInstanceOf(PoolClosedException.class).hasMessageContaining("try-closed");
    }
}
