package dev.rpcpool.pool.modelcheck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jetbrains.lincheck.datastructures.ManagedStrategyGuaranteeKt.forClasses;

import dev.rpcpool.RpcPoolException;
import dev.rpcpool.pool.PoolStats;
import dev.rpcpool.pool.PoolTimeoutException;
import java.time.Duration;
import org.jetbrains.lincheck.LincheckAssertionError;
import org.jetbrains.lincheck.datastructures.ModelCheckingOptions;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker explores thread interleavings of histories made of acquire (zero
 * timeout, bounded wait), tryAcquire, release, invalidate and close on the real pool
 * ({@link ConnectionPoolOperations}, {@link ClosingPoolOperations}), and checks that each is linearizable against {@link PoolModel},
 * that no connection is ever held twice, and (by the operations' {@code @Validate}) that no capacity
 * is lost and nothing stays open after close.
 *
 * <p>Bounded for CI (about {@value #DEFAULT_ITERATIONS} scenarios of {@value #DEFAULT_INVOCATIONS}
 * interleavings each). Deeper: {@code mvn -B -pl rpcpool-core test
 * -Dtest=ConnectionPoolModelCheckTest -Drpcpool.lincheck.iterations=30 -Drpcpool.lincheck.invocations=200}
 * (about ten minutes here; see docs/reliability.md).
 */
class ConnectionPoolModelCheckTest {
    private static final int DEFAULT_ITERATIONS = 4;
    private static final int DEFAULT_INVOCATIONS = 20;
    private static final int ITERATIONS = Integer.getInteger("rpcpool.lincheck.iterations", DEFAULT_ITERATIONS);
    private static final int INVOCATIONS = Integer.getInteger("rpcpool.lincheck.invocations", DEFAULT_INVOCATIONS);

    @Test
    void acquiresReleasesAndInvalidatesInterleaveLinearizably() {
        modelChecking(PoolModel.class).check(ConnectionPoolOperations.class);
    }

    @Test
    void closeInterleavesLinearizablyWithAcquiresAndReleases() {
        modelChecking(FilledPoolModel.class).check(ClosingPoolOperations.class);
    }

    @Test
    void theModelCheckerCatchesAPoolThatHandsOutOneConnectionTwice() {
        // no minimizing of the failing history: only that a failure is reported matters here
        assertThatThrownBy(() -> modelChecking(PoolModel.class).minimizeFailedScenario(false)
                        .check(DoubleHandOutOperations.class))
                .isInstanceOf(LincheckAssertionError.class)
                .hasMessageContaining(PoolOperations.DOUBLE_HAND_OUT);
    }

    private static ModelCheckingOptions modelChecking(Class<? extends PoolModel> model) {
        return new ModelCheckingOptions()
                .iterations(ITERATIONS)
                .invocationsPerIteration(INVOCATIONS)
                .threads(2)
                .actorsPerThread(3)
                .actorsBefore(2)
                .actorsAfter(1)
                .sequentialSpecification(model)
                // building a timeout's message touches no shared state; exploring thread switches
                // inside it only costs time (most acquires in these histories time out)
                .addGuarantee(forClasses(PoolTimeoutException.class.getName(), PoolStats.class.getName(),
                        RpcPoolException.class.getName(), Duration.class.getName()).allMethods().ignore());
    }
}
