package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import org.jetbrains.lincheck.Lincheck;
import org.junit.jupiter.api.Test;

/**
 * Lincheck's model checker runs a caller in {@link SyncReply#get()} against completing and failing
 * threads in every interleaving it reaches (windows of a few nanoseconds that a stress test rarely
 * hits): the caller always gets the outcome, and of a racing completion and failure exactly one
 * wins and is the one the caller sees. {@link #theCheckerCatchesACompletionThatChecksThenSets()}
 * shows that the checker finds a non-atomic settle.
 *
 * <p>What this cannot check: a lost wake-up. Lincheck 3.7's model checker lets every
 * {@code park} return spuriously, so a caller nobody unparks still wakes and sees the outcome;
 * {@code SyncReplyTest}'s stress test (which hangs when the unpark is removed) and the ordering
 * argument in {@code SyncReply.settle} cover that.
 *
 * <p>{@value #INVOCATIONS} interleavings per test by default; more with
 * {@code -Drpcpool.lincheck.invocations=N}.
 */
class SyncReplyModelCheckTest {
    private static final int INVOCATIONS = Integer.getInteger("rpcpool.lincheck.invocations", 1_000);

    @Test
    void aCallerBlockedInGetAlwaysGetsTheValue() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            SyncReply reply = new SyncReply();
            AtomicReference<Object> got = new AtomicReference<>();
            Thread caller = new Thread(() -> got.set(getQuietly(reply)));
            Thread completer = new Thread(() -> reply.complete("v"));
            runBoth(caller, completer);
            expect("v".equals(got.get()), "the caller got " + got.get());
        });
    }

    @Test
    void onlyTheFirstOfARacingCompletionAndFailureCounts() {
        Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            SyncReply reply = new SyncReply();
            IllegalStateException failure = new IllegalStateException("connection lost");
            AtomicReference<Object> got = new AtomicReference<>();
            AtomicReference<Boolean> completed = new AtomicReference<>();
            AtomicReference<Boolean> failed = new AtomicReference<>();
            Thread caller = new Thread(() -> got.set(getQuietly(reply)));
            Thread completer = new Thread(() -> completed.set(reply.complete("v")));
            Thread failer = new Thread(() -> failed.set(reply.fail(failure)));
            caller.start();
            completer.start();
            failer.start();
            joinAll(caller, completer, failer);
            expect(completed.get() != failed.get(), "complete " + completed.get() + ", fail " + failed.get());
            expect(got.get() == (completed.get() ? "v" : failure), "the caller got " + got.get());
        });
    }

    @Test
    void theCheckerCatchesACompletionThatChecksThenSets() {
        assertThatThrownBy(() -> Lincheck.runConcurrentTest(INVOCATIONS, () -> {
            CheckThenSetReply reply = new CheckThenSetReply();
            AtomicReference<Boolean> completed = new AtomicReference<>();
            AtomicReference<Boolean> failed = new AtomicReference<>();
            Thread completer = new Thread(() -> completed.set(reply.settle("v")));
            Thread failer = new Thread(() -> failed.set(reply.settle("failure")));
            runBoth(completer, failer);
            expect(completed.get() != failed.get(), "complete " + completed.get() + ", fail " + failed.get());
        })).isInstanceOf(AssertionError.class).hasMessageContaining("complete true, fail true");
    }

    /**
     * Checks inside a model-checked run: AssertJ's assertion objects cannot be used there (the
     * checker calls {@code equals} on them, which AssertJ forbids).
     */
    private static void expect(boolean holds, String otherwise) {
        if (!holds) {
            throw new AssertionError(otherwise);
        }
    }

    /** The outcome, or the failure itself when get() threw (the test compares either). */
    private static Object getQuietly(SyncReply reply) {
        try {
            return reply.get();
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException e) {
            return e;
        }
    }

    private static void runBoth(Thread first, Thread second) {
        first.start();
        second.start();
        joinAll(first, second);
    }

    private static void joinAll(Thread... threads) {
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /**
     * The mistake {@link SyncReply}'s compare-and-set avoids: settle checks that no outcome is there,
     * then writes its own, so two racing completions can both believe they won.
     */
    private static final class CheckThenSetReply {
        private volatile Object outcome;

        boolean settle(Object o) {
            if (outcome != null) {
                return false;
            }
            outcome = o;
            return true;
        }
    }
}
