package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.embedded.EmbeddedChannel;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One timer for a connection's deadlines: every call times out once its deadline has passed, never
 * one that settled, and a slow call at the head cannot make the queue grow with the calls behind it.
 * Runs on an embedded event loop, whose clock the test moves.
 */
class CallDeadlinesTest {
    private final EmbeddedChannel ch = new EmbeddedChannel();
    private final List<PendingCall> timedOut = new ArrayList<>();
    private final CallDeadlines deadlines = new CallDeadlines(ch.eventLoop(), c -> {
        c.settled = true; // as the handler's untrack does
        timedOut.add(c);
    });
    private long seq;

    private PendingCall watch(Duration timeout) {
        long now = System.nanoTime();
        PendingCall c = new PendingCall(seq++, "A.B", null, Integer.class, timeout, now + timeout.toNanos(), false, null);
        deadlines.watch(c, now);
        return c;
    }

    private void settle(PendingCall c) {
        c.settled = true;
        deadlines.settled(c);
    }

    private void advance(Duration d) {
        ch.advanceTimeBy(d.toNanos(), TimeUnit.NANOSECONDS);
        ch.runScheduledPendingTasks();
    }

    @Test
    void callsTimeOutInDeadlineOrderAndSettledOnesNever() {
        PendingCall a = watch(Duration.ofSeconds(1));
        PendingCall b = watch(Duration.ofSeconds(2));
        PendingCall c = watch(Duration.ofSeconds(3));
        settle(b);
        advance(Duration.ofMillis(1100));
        assertThat(timedOut).containsExactly(a);
        advance(Duration.ofSeconds(3));
        assertThat(timedOut).containsExactly(a, c);
        assertThat(deadlines.queued()).isZero();
    }

    @Test
    void aShorterTimeoutBehindALongerOneStillFiresOnTime() {
        PendingCall slow = watch(Duration.ofSeconds(10));
        PendingCall quick = watch(Duration.ofMillis(100));
        advance(Duration.ofMillis(200));
        assertThat(timedOut).containsExactly(quick);
        advance(Duration.ofSeconds(10));
        assertThat(timedOut).containsExactly(quick, slow);
    }

    @Test
    void aCallQueuedAfterTheQueueEmptiedIsNotLeftToATimerSetForALaterDeadline() {
        PendingCall first = watch(Duration.ofSeconds(10));
        settle(first); // the queue empties; its timer is still set for 10 s
        PendingCall probe = watch(Duration.ofMillis(300));
        advance(Duration.ofMillis(400));
        assertThat(timedOut).containsExactly(probe);
    }

    @Test
    void aSlowCallAtTheHeadKeepsTheQueueBoundedWhileThousandsSettleBehindIt() {
        PendingCall slow = watch(Duration.ofSeconds(30));
        int longest = 0;
        for (int i = 0; i < 10_000; i++) {
            settle(watch(Duration.ofSeconds(30))); // not the head: stays queued until a compaction
            longest = Math.max(longest, deadlines.queued());
        }
        assertThat(longest).isLessThanOrEqualTo(CallDeadlines.MIN_COMPACT_LENGTH + 1);
        settle(slow);
        assertThat(deadlines.queued()).as("the head settled: every settled call behind it leaves").isZero();
        advance(Duration.ofSeconds(31));
        assertThat(timedOut).isEmpty();
    }

    @Test
    void clearStopsTheTimer() {
        watch(Duration.ofMillis(100));
        deadlines.clear();
        advance(Duration.ofSeconds(1));
        assertThat(timedOut).isEmpty();
        assertThat(deadlines.queued()).isZero();
    }
}
