package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** The configuration: defaults, and build-time checks that name the field and its range. */
class PoolConfigTest {

    @Test
    void defaultsAreTheDocumentedOnes() {
        PoolConfig c = PoolConfig.builder("h:1").build();
        assertThat(c.name()).isEqualTo("h:1");
        assertThat(c.maxConnections()).isEqualTo(8);
        assertThat(c.maxLeasesPerConnection()).isEqualTo(1);
        assertThat(c.minIdle()).isZero();
        assertThat(c.maxWaiters()).isEqualTo(Integer.MAX_VALUE);
        assertThat(c.acquireTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.connectTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(c.validateAfterIdle()).isZero();
        assertThat(c.idleTimeout()).isEqualTo(Duration.ofSeconds(60));
        assertThat(c.maxLifetime()).isEqualTo(Duration.ofMinutes(30));
        assertThat(c.backoffBase()).isEqualTo(Duration.ofMillis(100));
        assertThat(c.backoffMax()).isEqualTo(Duration.ofSeconds(5));
        assertThat(c.leakDetectionThreshold()).isZero();
        assertThat(c.maintenanceInterval()).isEqualTo(Duration.ofSeconds(1));
        assertThat(c.prewarm()).isFalse();
        assertThat(c.clock()).isSameAs(PoolClock.SYSTEM);
        assertThat(c.listener()).isSameAs(PoolListener.NOOP);
    }

    @Test
    void toBuilderCopiesEveryField() {
        PoolConfig c = PoolConfig.builder("h:1").maxConnections(3).maxLeasesPerConnection(5).minIdle(2)
                .idleTimeout(Duration.ofSeconds(7)).prewarm(true).build();
        assertThat(c.toBuilder().build()).usingRecursiveComparison().isEqualTo(c);
        assertThat(c.toBuilder().maxConnections(4).build().maxConnections()).isEqualTo(4);
    }

    @Test
    void badValuesAreRejectedAtBuildNamingTheFieldAndItsRange() {
        assertBad(b -> b.maxConnections(0), "maxConnections must be in [1, 100000] but was 0");
        assertBad(b -> b.maxLeasesPerConnection(0), "maxLeasesPerConnection must be in [1, 1000000] but was 0");
        assertBad(b -> b.maxConnections(2).minIdle(3), "minIdle must be in [0, 2] but was 3");
        assertBad(b -> b.maxWaiters(-1), "maxWaiters must be in [0, 2147483647] but was -1");
        assertBad(b -> b.acquireTimeout(Duration.ofMillis(-1)), "acquireTimeout must be >= 0");
        assertBad(b -> b.connectTimeout(Duration.ZERO), "connectTimeout must be > 0");
        assertBad(b -> b.validationTimeout(Duration.ZERO), "validationTimeout must be > 0");
        assertBad(b -> b.idleTimeout(Duration.ofSeconds(-1)), "idleTimeout must be >= 0");
        assertBad(b -> b.maxLifetime(Duration.ofSeconds(-1)), "maxLifetime must be >= 0");
        assertBad(b -> b.backoffBase(Duration.ZERO), "backoffBase must be > 0");
        assertBad(b -> b.backoffBase(Duration.ofSeconds(2)).backoffMax(Duration.ofSeconds(1)), "backoffMax must be >= backoffBase");
        assertBad(b -> b.leakDetectionThreshold(Duration.ofSeconds(-1)), "leakDetectionThreshold must be >= 0");
        assertBad(b -> b.maintenanceInterval(Duration.ofSeconds(-1)), "maintenanceInterval must be >= 0");
    }

    private static void assertBad(UnaryOperator<PoolConfig.Builder> change, String message) {
        assertThatThrownBy(() -> change.apply(PoolConfig.builder("h:1")).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(message);
    }

    @Test
    void aBlankNameOrNullValueIsRejectedAtOnce() {
        assertThatThrownBy(() -> PoolConfig.builder(" ")).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("name");
        assertThatThrownBy(() -> PoolConfig.builder("h:1").idleTimeout(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("idleTimeout");
    }

    @Test
    void acquireRejectsANegativeTimeout() {
        try (ConnectionPool<TestConnector.Conn> pool = ConnectionPool.create(new TestConnector(), Pools.manual("neg").build())) {
            assertThatThrownBy(() -> pool.acquire(Duration.ofMillis(-1))).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("timeout must be >= 0");
        }
    }
}
