package dev.rpcpool.rpc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How the ADAPTIVE waiter learns whether polling or parking gets replies sooner. */
class PollTunerTest {
    private static final long MICROS = TimeUnit.MICROSECONDS.toNanos(1);

    /** Waits {@code calls} times, each polling or parking as told, taking the given time per way. */
    private static Counts drive(PollTuner tuner, long calls, long pollNanos, long parkNanos) {
        Counts counts = new Counts();
        for (long i = 0; i < calls; i++) {
            long ticket = tuner.ticket();
            boolean poll = tuner.shouldPoll(ticket);
            if (poll) {
                counts.polled++;
            } else {
                counts.parked++;
            }
            tuner.record(ticket, poll ? pollNanos : parkNanos);
        }
        return counts;
    }

    private static final class Counts {
        long polled;
        long parked;
    }

    @Test
    void pollsAtFirstAndKeepsPollingWhileParkingIsSlowerTryingItLessAndLessOften() {
        PollTuner tuner = new PollTuner();
        assertThat(tuner.polling()).isTrue();
        long epochs = 4_000;
        Counts c = drive(tuner, epochs * PollTuner.EPOCH_CALLS, 60 * MICROS, 90 * MICROS);
        assertThat(tuner.polling()).isTrue();
        // trials after 8, 16, 32, ... 256 epochs, then every 256: about 20 in 4,000 epochs
        long trials = c.parked / PollTuner.EPOCH_CALLS;
        assertThat(c.parked % PollTuner.EPOCH_CALLS).isZero(); // whole epochs only
        assertThat(trials).isBetween(15L, 25L);
        assertThat(tuner.nextTrialEpoch() - epochs).isLessThanOrEqualTo(PollTuner.MAX_TRIAL_GAP);
    }

    @Test
    void switchesToParkingAfterTwoTrialsWhereItWasNoSlowerAndBackWhenPollingIsClearlyFaster() {
        PollTuner tuner = new PollTuner();
        // parking as fast as polling: a tie goes to parking, which costs no CPU
        drive(tuner, 8 * PollTuner.EPOCH_CALLS, 80 * MICROS, 80 * MICROS);
        assertThat(tuner.polling()).as("one trial is not enough").isTrue();
        drive(tuner, 8 * PollTuner.EPOCH_CALLS, 80 * MICROS, 80 * MICROS);
        assertThat(tuner.polling()).isFalse();
        Counts settled = drive(tuner, 7 * PollTuner.EPOCH_CALLS, 80 * MICROS, 80 * MICROS);
        assertThat(settled.polled).as("outside trials nobody polls now").isZero();

        // the server changes: polling is now 20% faster; two won trials bring it back
        drive(tuner, 40 * PollTuner.EPOCH_CALLS, 64 * MICROS, 80 * MICROS);
        assertThat(tuner.polling()).isTrue();
    }

    @Test
    void aPollingTrialJustUnderTheMarginDoesNotSwitchBack() {
        PollTuner tuner = new PollTuner();
        drive(tuner, 16 * PollTuner.EPOCH_CALLS, 80 * MICROS, 80 * MICROS);
        assertThat(tuner.polling()).isFalse();
        // polling 5% faster is inside the noise this margin is there for
        drive(tuner, 2_000 * PollTuner.EPOCH_CALLS, 76 * MICROS, 80 * MICROS);
        assertThat(tuner.polling()).isFalse();
    }

    @Test
    void oneVerySlowWaitCountsAsOneMillisecondSoItCannotDecideATrial() {
        PollTuner tuner = new PollTuner();
        // the epoch before every trial has one 5-second wait (a GC pause, a slow method); parking
        // trials are 30% slower: uncapped, the pause would make every trial look faster
        for (int round = 0; round < 40; round++) {
            long next = tuner.nextTrialEpoch();
            long ticket;
            while ((ticket = tuner.ticket()) / PollTuner.EPOCH_CALLS < next) {
                boolean slow = ticket == (next - 1) * PollTuner.EPOCH_CALLS;
                tuner.record(ticket, slow ? TimeUnit.SECONDS.toNanos(5) : 100 * MICROS);
            }
            tuner.record(ticket, 130 * MICROS);
            drive(tuner, PollTuner.EPOCH_CALLS - 1, 100 * MICROS, 130 * MICROS);
        }
        assertThat(tuner.polling()).isTrue();
    }

    @Test
    void manyThreadsWaitingAtOnceGetDistinctTicketsAndLeaveAWorkingTuner() throws Exception {
        PollTuner tuner = new PollTuner();
        int threads = 8;
        int perThread = 50_000;
        Set<Long> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> all = new ArrayList<>();
        List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int t = 0; t < threads; t++) {
            Thread th = new Thread(() -> {
                try {
                    go.await();
                    for (int i = 0; i < perThread; i++) {
                        long ticket = tuner.ticket();
                        seen.add(ticket);
                        tuner.record(ticket, tuner.shouldPoll(ticket) ? 50 * MICROS : 200 * MICROS);
                    }
                } catch (Throwable e) {
                    failures.add(e);
                }
            });
            th.start();
            all.add(th);
        }
        go.countDown();
        for (Thread th : all) {
            th.join(30_000);
        }
        assertThat(failures).isEmpty();
        assertThat(seen).hasSize(threads * perThread);
        assertThat(tuner.ticketsTaken()).isEqualTo((long) threads * perThread);
        assertThat(tuner.polling()).as("parking is 4x slower").isTrue();
        assertThat(tuner.nextTrialEpoch()).as("trials kept coming")
                .isGreaterThan((long) threads * perThread / PollTuner.EPOCH_CALLS - PollTuner.MAX_TRIAL_GAP - 1);
    }
}
