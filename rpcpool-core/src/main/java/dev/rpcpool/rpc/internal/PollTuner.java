package dev.rpcpool.rpc.internal;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Learns whether polling for a reply gets it sooner than parking, on this machine against the
 * servers actually called, by trying both. Waits come in epochs of {@link #EPOCH_CALLS}; now and
 * then one epoch (a trial) waits the other way, and its mean wait is compared with the epoch just
 * before it. Polling starts as the usual way. Parking becomes the usual way when its trial's mean is
 * no more than {@link #PARK_MARGIN} of polling's, in {@link #WINS_TO_SWITCH} trials running
 * (parking costs no CPU, so a tie goes to it); polling comes back when its trial's mean is below
 * {@link #POLL_MARGIN} of parking's, as many times running. A trial comes {@link #MIN_TRIAL_GAP}
 * epochs after the last, and each trial lost doubles the gap, up to {@link #MAX_TRIAL_GAP}: trying
 * the slower way costs more than its own epoch (after a polling trial, parked round trips stayed
 * slow for a while on a 2-core machine), so a settled choice is tried rarely. One wait counts as at
 * most {@link #MAX_SAMPLE_NANOS}, so a slow call or a GC pause does not outweigh an epoch.
 *
 * <p>Why: whether polling pays depends on where the CPUs are needed. On a 2-core machine a single
 * blocking caller polling for the replies of a Go server made 1.14–1.40× the calls per second of
 * one that parked, but against an rpcpool server with a worker pool on the same machine the poller
 * took the CPU the server's threads needed and parking was 1.3–1.7× faster
 * (docs/benchmarks-e2e.md). Against a remote server with a long round trip every poll runs out, and
 * parking saves the CPU it would burn.
 *
 * <p>Thread-safety: thread-safe and lock-free. Several callers may report at once; a report that
 * races with the end of an epoch may be counted in the next one, which only blurs an average.
 */
final class PollTuner {
    /** Waits per epoch: enough to average out single slow replies, few enough to react in ~10 ms. */
    static final int EPOCH_CALLS = 128;
    /** Epochs from one trial to the next while trials win (or before the first). */
    static final long MIN_TRIAL_GAP = 8;
    /** The longest gap between trials, reached by lost trials doubling it. */
    static final long MAX_TRIAL_GAP = 256;
    /** Parking's trial wins when its mean wait is at most this multiple of polling's. */
    static final double PARK_MARGIN = 1.02;
    /** Polling's trial wins when its mean wait is below this multiple of parking's. */
    static final double POLL_MARGIN = 0.90;
    /** Wins in trials running needed to switch, so that one noisy epoch does not flip the choice. */
    static final int WINS_TO_SWITCH = 2;
    /** The most one wait adds to an epoch's mean: far above a poll's budget, far below a GC pause. */
    static final long MAX_SAMPLE_NANOS = TimeUnit.MILLISECONDS.toNanos(1);

    private final AtomicLong tickets = new AtomicLong();
    private final AtomicLong epochNanos = new AtomicLong();
    private final AtomicLong epochCalls = new AtomicLong();
    private volatile boolean polling = true;
    private volatile long trialEpoch = MIN_TRIAL_GAP - 1;
    // written only by the caller that closes an epoch (one ticket per epoch does)
    private long trialGap = MIN_TRIAL_GAP;
    private long usualMeanNanos;
    private int wins;

    /**
     * Takes a ticket for one wait; {@link #shouldPoll} says how that wait should be done, and
     * {@link #record} must report how long it took, whatever its outcome.
     */
    long ticket() {
        return tickets.getAndIncrement();
    }

    /** True if the wait with this ticket should poll, false if it should park at once. */
    boolean shouldPoll(long ticket) {
        return (ticket / EPOCH_CALLS == trialEpoch) != polling;
    }

    /** Reports the wait of {@code ticket}: from entering the wait to having the reply (or failing). */
    void record(long ticket, long waitNanos) {
        epochNanos.addAndGet(Math.min(Math.max(0, waitNanos), MAX_SAMPLE_NANOS));
        epochCalls.incrementAndGet();
        if (ticket % EPOCH_CALLS != EPOCH_CALLS - 1) {
            return;
        }
        long calls = epochCalls.getAndSet(0);
        long mean = epochNanos.getAndSet(0) / Math.max(1, calls);
        long epoch = ticket / EPOCH_CALLS;
        long trial = trialEpoch;
        if (epoch == trial - 1) {
            usualMeanNanos = mean;
        } else if (epoch == trial) {
            judgeTrial(mean);
            trialEpoch = epoch + trialGap;
        }
    }

    private void judgeTrial(long trialMeanNanos) {
        long usual = usualMeanNanos;
        double margin = polling ? PARK_MARGIN : POLL_MARGIN; // the trial waited the other way
        if (usual > 0 && trialMeanNanos <= usual * margin) {
            trialGap = MIN_TRIAL_GAP;
            if (++wins >= WINS_TO_SWITCH) {
                polling = !polling;
                wins = 0;
            }
        } else {
            trialGap = Math.min(trialGap * 2, MAX_TRIAL_GAP);
            wins = 0;
        }
    }

    /** Whether waits outside the trials poll now; for tests and diagnostics. */
    boolean polling() {
        return polling;
    }

    /** The epoch of the next trial; for tests. */
    long nextTrialEpoch() {
        return trialEpoch;
    }

    /** Tickets taken so far; for tests. */
    long ticketsTaken() {
        return tickets.get();
    }
}
