package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.pool.TestConnector.Conn;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Point 6: validation, isOpen, idle eviction, lifetime with jitter, minIdle, pre-warm. */
class HealthTest extends PoolTestSupport {
    private final List<CloseReason> closeReasons = new CopyOnWriteArrayList<>();
    private final PoolListener listener = new PoolListener() {
        @Override
        public void connectionClosed(String pool, long connectionId, CloseReason reason) {
            closeReasons.add(reason);
        }
    };

    @Override
    ConnectionPool<Conn> pool(PoolConfig.Builder b) {
        pool = ConnectionPool.create(connector, b.clock(clock).listener(listener).build());
        return pool;
    }

    @Test
    void aConnectionIdleLongerThanTheThresholdIsValidatedBeforeReuse() {
        pool(Pools.manual("validate").validateAfterIdle(Duration.ofSeconds(1)));
        pool.acquire().release();
        clock.advance(Duration.ofMillis(500));
        pool.acquire().release();
        assertThat(connector.validations).hasValue(0);
        clock.advance(Duration.ofSeconds(2));
        Lease<Conn> l = pool.acquire();
        assertThat(connector.validations).hasValue(1);
        assertThat(l.connection().number).isEqualTo(1);
        l.release();
    }

    @Test
    void aConnectionFailingValidationIsClosedAndAnotherIsUsed() {
        pool(Pools.manual("validate-fails").validateAfterIdle(Duration.ofSeconds(1)));
        Lease<Conn> l = pool.acquire();
        Conn stale = l.connection();
        l.release();
        stale.valid = false;
        clock.advance(Duration.ofSeconds(2));
        Lease<Conn> next = pool.acquire();
        assertThat(next.connection()).isNotSameAs(stale);
        assertThat(stale.open).isFalse();
        assertThat(closeReasons).containsExactly(CloseReason.VALIDATION_FAILED);
    }

    @Test
    void aConnectionThatIsNoLongerOpenIsNeverHandedOut() {
        pool(Pools.manual("isopen"));
        Lease<Conn> l = pool.acquire();
        Conn c = l.connection();
        l.release();
        c.peerClosed = true;
        assertThat(pool.acquire().connection()).isNotSameAs(c);
        assertThat(closeReasons).containsExactly(CloseReason.NOT_OPEN);
    }

    @Test
    void maintenanceClosesIdleConnectionsThePeerClosed() {
        pool(Pools.manual("isopen-maint"));
        Lease<Conn> l = pool.acquire();
        l.connection().peerClosed = true;
        l.release();
        pool.runMaintenance();
        assertThat(pool.stats().open()).isZero();
        assertThat(closeReasons).containsExactly(CloseReason.NOT_OPEN);
    }

    @Test
    void theConnectorMayNameItsOwnReasonForEveryConnectionItTurnsDown() {
        connector.reason = CloseReason.SERVER_IDLE_TIMEOUT;
        pool(Pools.manual("own-reason").validateAfterIdle(Duration.ofSeconds(1)));
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        a.connection().peerClosed = true; // isOpen says no on the next hand-out
        b.connection().peerClosed = true; // ... and to maintenance
        a.release();
        pool.acquire().release();
        b.release();
        pool.runMaintenance();
        Lease<Conn> c = pool.acquire();
        c.connection().valid = false; // validation says no
        c.release();
        clock.advance(Duration.ofSeconds(2));
        pool.acquire().release();
        assertThat(closeReasons).containsExactly(CloseReason.SERVER_IDLE_TIMEOUT, CloseReason.SERVER_IDLE_TIMEOUT,
                CloseReason.SERVER_IDLE_TIMEOUT);
    }

    @Test
    void aConnectorWhoseReasonFailsLeavesThePoolsOwn() {
        connector.reasonThrows = true;
        pool(Pools.manual("reason-throws"));
        Lease<Conn> l = pool.acquire();
        l.connection().peerClosed = true;
        l.release();
        assertThat(pool.acquire().connection().number).isEqualTo(2);
        assertThat(closeReasons).containsExactly(CloseReason.NOT_OPEN);
    }

    @Test
    void connectionsAreEvictedWhenIdleLongEnough() {
        pool(Pools.manual("idle").idleTimeout(Duration.ofSeconds(10)));
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        a.release();
        b.release();
        clock.advance(Duration.ofSeconds(9));
        pool.runMaintenance();
        assertThat(pool.stats().open()).isEqualTo(2);
        clock.advance(Duration.ofSeconds(2));
        pool.runMaintenance();
        assertThat(pool.stats().open()).isZero();
        assertThat(closeReasons).containsExactly(CloseReason.IDLE_TIMEOUT, CloseReason.IDLE_TIMEOUT);
    }

    @Test
    void idleEvictionLeavesLeasedConnectionsAndKeepsMinIdle() {
        pool(Pools.manual("idle-min").idleTimeout(Duration.ofSeconds(10)).minIdle(1));
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        Lease<Conn> c = pool.acquire();
        b.release();
        c.release();
        clock.advance(Duration.ofMinutes(1));
        pool.runMaintenance();
        PoolStats s = pool.stats();
        assertThat(s.open()).isEqualTo(2);
        assertThat(s.idle()).isEqualTo(1);
        assertThat(a.connection().open).isTrue();
        a.release();
    }

    @Test
    void aConnectionPastItsMaxLifetimeIsNotHandedOutAgain() {
        pool(Pools.manual("lifetime").maxLifetime(Duration.ofMinutes(10)));
        Lease<Conn> l = pool.acquire();
        Conn old = l.connection();
        l.release();
        clock.advance(Duration.ofMinutes(11));
        Lease<Conn> next = pool.acquire(); // no maintenance ran: acquire itself sees the age
        assertThat(next.connection()).isNotSameAs(old);
        assertThat(old.open).isFalse();
        assertThat(closeReasons).containsExactly(CloseReason.MAX_LIFETIME);
    }

    @Test
    void aLeasedConnectionPastItsLifetimeIsClosedWhenReleased() {
        pool(Pools.manual("lifetime-leased").maxLifetime(Duration.ofMinutes(10)));
        Lease<Conn> l = pool.acquire();
        clock.advance(Duration.ofMinutes(11));
        pool.runMaintenance();
        assertThat(l.connection().open).isTrue();
        assertThat(pool.connections().get(0).retiring()).isTrue();
        l.release();
        assertThat(pool.stats().open()).isZero();
        assertThat(closeReasons).containsExactly(CloseReason.MAX_LIFETIME);
    }

    @Test
    void lifetimesAreJitteredWithinTheLastTenPercent() {
        pool(Pools.manual("jitter").maxConnections(30).maxLifetime(Duration.ofMinutes(10)));
        List<Lease<Conn>> leases = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            leases.add(pool.acquire());
        }
        clock.advance(Duration.ofSeconds(539)); // under 90% of 10 minutes
        pool.runMaintenance();
        assertThat(pool.connections()).noneMatch(ConnectionInfo::retiring);
        clock.advance(Duration.ofSeconds(31)); // 95%: some, not all
        pool.runMaintenance();
        long retiring = pool.connections().stream().filter(ConnectionInfo::retiring).count();
        assertThat(retiring).isBetween(1L, 29L);
        clock.advance(Duration.ofSeconds(31)); // past 100%
        pool.runMaintenance();
        assertThat(pool.connections()).allMatch(ConnectionInfo::retiring);
        leases.forEach(Lease::release);
        assertThat(pool.stats().open()).isZero();
    }

    @Test
    void maintenanceKeepsMinIdleConnectionsOpen() {
        pool(Pools.manual("minidle").minIdle(2).maxConnections(3));
        pool.runMaintenance();
        assertThat(pool.stats().idle()).isEqualTo(2);
        Lease<Conn> l = pool.acquire();
        pool.runMaintenance();
        assertThat(pool.stats().idle()).isEqualTo(2);
        assertThat(pool.stats().open()).isEqualTo(3);
        l.release();
    }

    @Test
    void maintenanceDoesNotConnectWhileBackingOff() {
        pool(Pools.manual("minidle-backoff").minIdle(2));
        connector.failWith = new IOException("refused");
        pool.runMaintenance();
        pool.runMaintenance();
        assertThat(connector.connectAttempts).hasValue(1);
        connector.failWith = null;
        clock.advance(Duration.ofMinutes(1));
        pool.runMaintenance();
        assertThat(pool.stats().idle()).isEqualTo(2);
    }

    @Test
    void prewarmOpensMinIdleOnTheMaintenanceThreadAndSignalsReadiness() throws Exception {
        pool(Pools.manual("prewarm").minIdle(3).prewarm(true));
        pool.ready().get(30, TimeUnit.SECONDS);
        assertThat(pool.stats().idle()).isEqualTo(3);
        Set<String> threads = new HashSet<>(connector.connectThreads);
        assertThat(threads).singleElement().asString().startsWith("rpcpool-maintenance-prewarm");
    }

    @Test
    void aFailedPrewarmCompletesReadinessExceptionally() {
        connector.failWith = new IOException("refused");
        pool(Pools.manual("prewarm-fails").minIdle(1).prewarm(true));
        assertThatThrownBy(() -> pool.ready().get(30, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class).cause().isInstanceOf(PoolConnectException.class);
    }

    @Test
    void theMaintenanceThreadEvictsIdleConnectionsWithoutAnyCaller() {
        pool = ConnectionPool.create(connector, PoolConfig.builder("background")
                .maintenanceInterval(Duration.ofMillis(20)).idleTimeout(Duration.ofMillis(50)).build());
        pool.acquire().release();
        await().atMost(Duration.ofSeconds(20)).until(() -> pool.stats().open() == 0);
    }
}
