package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.pool.TestConnector.Conn;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Shared (multiplexed) connections: maxLeasesPerConnection > 1. */
class SharedModeTest extends PoolTestSupport {
    private ConnectionPool<Conn> pool(int max, int k) {
        pool = ConnectionPool.create(connector,
                Pools.manual("shared").clock(clock).maxConnections(max).maxLeasesPerConnection(k).build());
        return pool;
    }

    @Test
    void aNewConnectionIsOpenedOnlyWhenEveryOpenOneIsFull() {
        pool(2, 3);
        List<Lease<Conn>> leases = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            leases.add(pool.acquire());
        }
        assertThat(connector.connectAttempts).hasValue(1);
        assertThat(leases).extracting(Lease::connection).containsOnly(connector.made.get(0));
        leases.add(pool.acquire());
        assertThat(connector.connectAttempts).hasValue(2);
        assertThat(leases.get(3).connection()).isSameAs(connector.made.get(1));
    }

    @Test
    void acquireHandsOutTheLeastLoadedConnection() {
        pool(2, 3);
        List<Lease<Conn>> first = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            first.add(pool.acquire());
        }
        Lease<Conn> onSecond = pool.acquire();
        first.get(0).release(); // loads now: first 2, second 1
        assertThat(pool.acquire().connection()).isSameAs(onSecond.connection());
        // loads: 2 and 2 -> the most recently released among equals
        clock.advance(Duration.ofMillis(1));
        first.get(1).release(); // first 1, second 2
        assertThat(pool.acquire().connection()).isSameAs(first.get(2).connection());
    }

    @Test
    void callersWaitWhenEveryConnectionIsFullAtTheCap() throws Exception {
        pool = ConnectionPool.create(connector, Pools.manual("shared-wait").maxConnections(2).maxLeasesPerConnection(2).build());
        List<Lease<Conn>> leases = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            leases.add(pool.acquire());
        }
        assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(20))).isInstanceOf(PoolTimeoutException.class);
        CompletableFuture<Lease<Conn>> waiter = queuedCaller();
        leases.get(3).release();
        assertThat(waiter.get(30, TimeUnit.SECONDS).connection()).isSameAs(leases.get(3).connectionId() == 1
                ? connector.made.get(0) : connector.made.get(1));
        assertThat(connector.connectAttempts).hasValue(2);
    }

    @Test
    void invalidateClosesASharedConnectionAndItsOtherLeasesBecomeNoOps() {
        pool(2, 3);
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        Conn shared = a.connection();
        a.invalidate();
        assertThat(b.connection().open).isFalse();
        b.release(); // no-op, no exception
        PoolStats s = pool.stats();
        assertThat(s.open()).isZero();
        assertThat(s.leased()).isZero();
        assertThat(connector.closes).hasValue(1);
        assertThat(pool.acquire().connection()).isNotSameAs(shared);
    }

    @Test
    void idleHealthRulesApplyOnlyToConnectionsWithoutLeases() {
        pool = ConnectionPool.create(connector, Pools.manual("shared-idle").clock(clock).maxLeasesPerConnection(4)
                .idleTimeout(Duration.ofSeconds(10)).maxLifetime(Duration.ofMinutes(1)).build());
        Lease<Conn> a = pool.acquire();
        Lease<Conn> b = pool.acquire();
        b.release();
        clock.advance(Duration.ofMinutes(2));
        pool.runMaintenance();
        assertThat(a.connection().open).isTrue(); // past idle timeout and lifetime, but leased
        assertThat(pool.acquire().connection()).isNotSameAs(a.connection());
        assertThat(connector.connectAttempts).hasValue(2); // retiring: not handed out again
        a.release();
        assertThat(connector.made.get(0).open).isFalse();
    }

    @Test
    void waitersAreServedBySpareLeasesOfANewConnection() throws Exception {
        connector.failWith = null;
        pool(1, 4);
        Lease<Conn> held = pool.acquire();
        held.invalidate(); // empty pool again; now several callers arrive while a connect is in flight
        List<CompletableFuture<Lease<Conn>>> callers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            callers.add(CompletableFuture.supplyAsync(() -> pool.acquire(Duration.ofSeconds(30))));
        }
        for (CompletableFuture<Lease<Conn>> f : callers) {
            f.get(30, TimeUnit.SECONDS);
        }
        assertThat(connector.connectAttempts).hasValue(2);
        assertThat(pool.connections()).singleElement().extracting(ConnectionInfo::leases).isEqualTo(4);
    }
}
