package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The sync caller's reply slot: CompletableFuture.get()'s outcomes, and no lost wake-up. */
class SyncReplyTest {
    /**
     * Starts a thread that waits in {@code r.get()}; its outcome (value or exception) lands in
     * {@code out}, and its interrupt flag afterwards in {@code flagAfter}.
     */
    private static Thread startGetter(SyncReply r, AtomicReference<Object> out, AtomicReference<Boolean> flagAfter) {
        Thread t = new Thread(() -> {
            try {
                out.set(r.get());
            } catch (Exception e) {
                out.set(e);
            }
            flagAfter.set(Thread.currentThread().isInterrupted());
        });
        t.start();
        return t;
    }

    @Test
    void aValueANullAndAFailureComeBackAsGetReportsThem() throws Exception {
        SyncReply value = new SyncReply();
        assertThat(value.isDone()).isFalse();
        assertThat(value.complete("reply")).isTrue();
        assertThat(value.isDone()).isTrue();
        assertThat(value.get()).isEqualTo("reply");

        SyncReply nothing = new SyncReply();
        nothing.complete(null);
        assertThat(nothing.isDone()).isTrue();
        assertThat(nothing.get()).isNull();

        SyncReply failed = new SyncReply();
        IOException cause = new IOException("reset");
        failed.fail(cause);
        assertThatThrownBy(failed::get).isInstanceOf(ExecutionException.class).hasCause(cause);
    }

    @Test
    void onlyTheFirstOutcomeCounts() throws Exception {
        SyncReply r = new SyncReply();
        assertThat(r.complete("first")).isTrue();
        assertThat(r.fail(new IOException("late"))).isFalse();
        assertThat(r.complete("second")).isFalse();
        assertThat(r.get()).isEqualTo("first");
    }

    @Test
    void aParkedCallerIsWokenByTheOutcome() throws Exception {
        SyncReply r = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Thread t = startGetter(r, out, new AtomicReference<>());
        await().until(() -> t.getState() == Thread.State.WAITING);
        r.complete("late reply");
        t.join(5_000);
        assertThat(out.get()).isEqualTo("late reply");
    }

    @Test
    void anInterruptBeforeTheOutcomeThrowsAndClearsTheFlag() throws Exception {
        SyncReply r = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        AtomicReference<Boolean> flagAfter = new AtomicReference<>();
        Thread t = startGetter(r, out, flagAfter);
        await().until(() -> t.getState() == Thread.State.WAITING);
        t.interrupt();
        t.join(5_000);
        assertThat(out.get()).isInstanceOf(InterruptedException.class);
        assertThat(flagAfter.get()).isFalse();
    }

    @Test
    void anOutcomeAlreadyThereIsReturnedToAnInterruptedCallerWhoKeepsTheFlag() throws Exception {
        SyncReply r = new SyncReply();
        r.complete("done");
        Thread.currentThread().interrupt();
        try {
            assertThat(r.get()).isEqualTo("done");
            assertThat(Thread.currentThread().isInterrupted()).isTrue();
        } finally {
            Thread.interrupted();
        }
    }

    /**
     * Callers and completers race on fresh replies, the outcome set before, during or after the
     * caller parks; every caller must get its own value, and a lost wake-up would hang the test.
     */
    @Test
    void noCallerIsLeftParkedWhateverTheInterleaving() {
        int pairs = 4;
        int rounds = 20_000;
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            AtomicInteger wrong = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < pairs; p++) {
                SynchronousQueue<SyncReply> handOff = new SynchronousQueue<>();
                Thread completer = new Thread(() -> {
                    try {
                        for (int i = 0; i < rounds; i++) {
                            SyncReply r = handOff.take();
                            int spins = ThreadLocalRandom.current().nextInt(200);
                            for (int s = 0; s < spins; s++) {
                                Thread.onSpinWait();
                            }
                            r.complete(i);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                Thread caller = new Thread(() -> {
                    try {
                        for (int i = 0; i < rounds; i++) {
                            SyncReply r = new SyncReply();
                            handOff.put(r);
                            if (!Integer.valueOf(i).equals(r.get())) {
                                wrong.incrementAndGet();
                            }
                        }
                    } catch (InterruptedException | ExecutionException e) {
                        wrong.incrementAndGet();
                    }
                });
                threads.add(completer);
                threads.add(caller);
            }
            threads.forEach(Thread::start);
            for (Thread t : threads) {
                t.join();
            }
            assertThat(wrong).hasValue(0);
        });
    }
}
