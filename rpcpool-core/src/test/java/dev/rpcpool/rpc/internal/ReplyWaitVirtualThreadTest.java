package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rpcpool.testing.NewerJava;
import org.junit.jupiter.api.Test;

/**
 * A virtual-thread caller never polls for its reply ({@link ReplyWait}'s rule), shown in a Java 21+
 * JVM found on this machine ({@link NewerJava}); skipped where there is none.
 */
class ReplyWaitVirtualThreadTest {
    @Test
    void aVirtualThreadParksAtOnceWhereAPlatformThreadPolls() throws Exception {
        NewerJava.Outcome child = NewerJava.runOrSkip(21, ReplyWaitOnVirtualThreads.class, 60);

        assertThat(child.output()).contains("virtual: parked at once, got reply", "platform: polled, got reply",
                "recognised: virtual true, platform false");
        assertThat(child.status()).as(child.output()).isZero();
    }
}
