package dev.rpcpool.pool.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.testing.NewerJava;
import org.junit.jupiter.api.Test;

/**
 * A pool waiter on a virtual thread parks without polling for its grant (as a blocking RPC caller
 * does), shown in a Java 21+ JVM found on this machine ({@link NewerJava}); skipped where there is none.
 */
class PoolWaiterVirtualThreadTest {
    @Test
    void aVirtualWaiterParksWithoutPollingWhereAPlatformWaiterPolls() throws Exception {
        NewerJava.Outcome child = NewerJava.runOrSkip(21, PoolWaitOnVirtualThreads.class, 60);

        assertThat(child.output()).contains("virtual: did not poll, timed out", "platform: polled, timed out");
        assertThat(child.status()).as(child.output()).isZero();
    }
}
