package dev.rpcpool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.testing.NewerJava;
import org.junit.jupiter.api.Test;

/**
 * rpcpool's blocking calls from virtual threads (Java 21+), both pool modes, in a Java 21+ JVM
 * found on this machine ({@link NewerJava}); skipped where there is none. The library is built for
 * Java 17 and must work unchanged for callers on virtual threads: parking, waking and waiting for a
 * connection all go through {@code LockSupport}, which virtual threads support.
 */
class VirtualThreadCallersTest {
    @Test
    void manyVirtualThreadsGetTheirOwnRepliesAndLeaveNoLeases() throws Exception {
        NewerJava.Outcome child = NewerJava.runOrSkip(21, VirtualThreadCallers.class, 180);

        assertThat(child.output()).doesNotContain("PROBLEM")
                .contains("EXCLUSIVE: 30000 calls from 200 virtual threads", "MULTIPLEXED: 30000 calls from 200 virtual threads");
        assertThat(child.status()).as(child.output()).isZero();
    }
}
