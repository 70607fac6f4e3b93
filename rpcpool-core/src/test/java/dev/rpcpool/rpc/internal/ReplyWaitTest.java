package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.rpcpool.rpc.SyncWait;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sync caller's bounded spin before parking. */
class ReplyWaitTest {
    private static final long LONG_SPIN = TimeUnit.SECONDS.toNanos(30);

    /** Runs {@code wait.await(f)} on a new thread; the outcome (value or exception) lands in {@code out}. */
    private static Thread waiter(ReplyWait wait, SyncReply f, AtomicReference<Object> out) {
        Thread t = new Thread(() -> {
            try {
                out.set(wait.await(f));
            } catch (Exception e) {
                out.set(e);
            }
        });
        t.start();
        return t;
    }

    private static SyncReply completed(Object value) {
        SyncReply r = new SyncReply();
        r.complete(value);
        return r;
    }

    @Test
    void replyArrivingDuringTheSpinIsReturnedToACallerThatNeverParked() throws Exception {
        ReplyWait wait = new ReplyWait(LONG_SPIN, 1);
        SyncReply f = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = waiter(wait, f, out);
        await().until(() -> wait.spinning() == 1);
        Thread.sleep(20);
        assertThat(t.getState()).isEqualTo(Thread.State.RUNNABLE); // polling, not parked
        f.complete("reply");
        t.join(5_000);
        assertThat(out.get()).isEqualTo("reply");
        assertThat(wait.spinning()).isZero();
    }

    @Test
    void replyArrivingAfterTheBudgetWakesTheParkedCaller() throws Exception {
        ReplyWait wait = new ReplyWait(TimeUnit.MILLISECONDS.toNanos(1), 1);
        SyncReply f = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = waiter(wait, f, out);
        await().until(() -> t.getState() == Thread.State.WAITING);
        assertThat(wait.spinning()).isZero();
        f.complete("late reply");
        t.join(5_000);
        assertThat(out.get()).isEqualTo("late reply");
    }

    @Test
    void aFailedCallIsReportedAsGetReportsIt() {
        ReplyWait wait = new ReplyWait(LONG_SPIN, 1);
        SyncReply f = new SyncReply();
        IOException cause = new IOException("reset");
        CompletableFuture.runAsync(() -> f.fail(cause), CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS));
        assertThatThrownBy(() -> wait.await(f)).isInstanceOf(ExecutionException.class).hasCause(cause);
        assertThat(wait.spinning()).isZero();
    }

    @Test
    void interruptWhileSpinningThrowsAtOnceAndFreesTheSpinSlot() throws Exception {
        ReplyWait wait = new ReplyWait(LONG_SPIN, 1);
        SyncReply f = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = waiter(wait, f, out);
        await().until(() -> wait.spinning() == 1);
        long start = System.nanoTime();
        t.interrupt();
        t.join(5_000);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(out.get()).isInstanceOf(InterruptedException.class);
        assertThat(wait.spinning()).isZero();
    }

    @Test
    void interruptWhileParkedThrowsInterruptedException() throws Exception {
        ReplyWait wait = new ReplyWait(TimeUnit.MICROSECONDS.toNanos(10), 1);
        SyncReply f = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = waiter(wait, f, out);
        await().until(() -> t.getState() == Thread.State.WAITING);
        t.interrupt();
        t.join(5_000);
        assertThat(out.get()).isInstanceOf(InterruptedException.class);
    }

    @Test
    void aCallerAlreadyInterruptedGetsAReplyThatIsAlreadyThereLikeGet() throws Exception {
        ReplyWait wait = new ReplyWait(LONG_SPIN, 1);
        Thread.currentThread().interrupt();
        try {
            assertThat(wait.await(completed("done"))).isEqualTo("done");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void aSpinningCallerParksAsSoonAsMoreThanTheCapAreWaiting() throws Exception {
        ReplyWait wait = new ReplyWait(LONG_SPIN, 1);
        SyncReply first = new SyncReply();
        SyncReply second = new SyncReply();
        AtomicReference<Object> out1 = new AtomicReference<>();
        AtomicReference<Object> out2 = new AtomicReference<>();
        Thread spinner = waiter(wait, first, out1);
        await().until(() -> wait.spinning() == 1);
        Thread other = waiter(wait, second, out2);
        await().atMost(Duration.ofSeconds(5)).until(() -> spinner.getState() == Thread.State.WAITING
                && other.getState() == Thread.State.WAITING);
        assertThat(wait.spinning()).isZero();
        first.complete("a");
        second.complete("b");
        spinner.join(5_000);
        other.join(5_000);
        assertThat(out1.get()).isEqualTo("a");
        assertThat(out2.get()).isEqualTo("b");
    }

    @Test
    void manyCallersNeverExceedTheSpinnerCap() throws Exception {
        int cap = 2;
        ReplyWait wait = new ReplyWait(TimeUnit.MICROSECONDS.toNanos(200), cap);
        int threads = 3;
        int callsEach = 2_000;
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> callers = new ArrayList<>();
        // one "event loop" completing calls in the order they were made, a little later
        java.util.concurrent.LinkedBlockingQueue<SyncReply> made = new java.util.concurrent.LinkedBlockingQueue<>();
        Thread completer = new Thread(() -> {
            try {
                while (done.get() < threads * callsEach) {
                    SyncReply f = made.poll(10, TimeUnit.MILLISECONDS);
                    if (f != null) {
                        maxSeen.accumulateAndGet(wait.spinning(), Math::max);
                        f.complete("ok");
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        completer.start();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                    for (int n = 0; n < callsEach; n++) {
                        SyncReply f = new SyncReply();
                        made.add(f);
                        maxSeen.accumulateAndGet(wait.spinning(), Math::max);
                        assertThat(wait.await(f)).isEqualTo("ok");
                        done.incrementAndGet();
                    }
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            callers.add(t);
            t.start();
        }
        start.countDown();
        for (Thread t : callers) {
            t.join(60_000);
        }
        completer.join(5_000);
        assertThat(done.get()).isEqualTo(threads * callsEach);
        assertThat(maxSeen.get()).isBetween(1, cap);
        assertThat(wait.spinning()).isZero();
    }

    @Test
    void spinModeLetsEveryWaitingCallerPollWhereAdaptiveParksThemAll() throws Exception {
        int callers = 6;
        ReplyWait spin = ReplyWait.forMode(SyncWait.SPIN, LONG_SPIN, 1);
        ReplyWait adaptive = ReplyWait.forMode(SyncWait.ADAPTIVE, LONG_SPIN, 1);
        for (ReplyWait wait : List.of(spin, adaptive)) {
            List<SyncReply> replies = new ArrayList<>();
            List<AtomicReference<Object>> outs = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                SyncReply f = new SyncReply();
                AtomicReference<Object> out = new AtomicReference<>();
                replies.add(f);
                outs.add(out);
                threads.add(waiter(wait, f, out));
            }
            if (wait == spin) {
                await().atMost(Duration.ofSeconds(10)).until(() -> wait.spinning() == callers);
                assertThat(threads).allMatch(t -> t.getState() != Thread.State.WAITING);
            } else {
                // more waiting than the cap of one: nobody polls, everyone parks
                await().atMost(Duration.ofSeconds(10)).until(() -> threads.stream()
                        .allMatch(t -> t.getState() == Thread.State.WAITING));
                assertThat(wait.spinning()).isZero();
            }
            for (int i = 0; i < callers; i++) {
                replies.get(i).complete("reply " + i);
            }
            for (int i = 0; i < callers; i++) {
                threads.get(i).join(5_000);
                assertThat(outs.get(i).get()).isEqualTo("reply " + i);
            }
            assertThat(wait.spinning()).isZero();
        }
    }

    @Test
    void parkModeNeverPolls() throws Exception {
        ReplyWait wait = ReplyWait.forMode(SyncWait.PARK, LONG_SPIN, 4);
        SyncReply f = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = waiter(wait, f, out);
        await().until(() -> t.getState() == Thread.State.WAITING);
        assertThat(wait.spinning()).isZero();
        f.complete("reply");
        t.join(5_000);
        assertThat(out.get()).isEqualTo("reply");
    }

    @Test
    void eachModeHasOneWaiterSharedByTheWholeJvm() {
        assertThat(ReplyWait.of(SyncWait.ADAPTIVE)).isSameAs(ReplyWait.DEFAULT);
        assertThat(ReplyWait.of(SyncWait.SPIN)).isSameAs(ReplyWait.of(SyncWait.SPIN)).isNotSameAs(ReplyWait.DEFAULT);
        assertThat(ReplyWait.of(SyncWait.PARK)).isSameAs(ReplyWait.of(SyncWait.PARK)).isNotSameAs(ReplyWait.DEFAULT);
    }

    @Test
    void aZeroBudgetNeverSpins() throws Exception {
        ReplyWait wait = new ReplyWait(0, 4);
        SyncReply f = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = waiter(wait, f, out);
        await().until(() -> t.getState() == Thread.State.WAITING);
        assertThat(wait.spinning()).isZero();
        f.complete("x");
        t.join(5_000);
        assertThat(out.get()).isEqualTo("x");
    }

    @Test
    void negativeSettingsAreRejected() {
        assertThatThrownBy(() -> new ReplyWait(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ReplyWait(1, -1)).isInstanceOf(IllegalArgumentException.class);
    }
}
