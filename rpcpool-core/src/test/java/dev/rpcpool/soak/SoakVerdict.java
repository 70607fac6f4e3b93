package dev.rpcpool.soak;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * Judges a soak run. It fails on: a failure type no fault explains; a reply delivered to the wrong
 * call; any failure while the server only closed idle connections; more than
 * {@value #MAX_CALM_FAILURE_RATIO} of calls failing in calm periods; file descriptors or threads
 * left behind after close; and, for runs of at least {@link #TREND_MIN_RUN}, heap, RSS, fds or
 * threads growing from the second quarter of the run to the last (the first quarter is warm-up).
 *
 * <p>Thread-safety: stateless.
 */
final class SoakVerdict {
    static final double MAX_CALM_FAILURE_RATIO = 0.001;
    static final Duration TREND_MIN_RUN = Duration.ofMinutes(2);
    static final int FD_LEAK_TOLERANCE = 5;
    static final int THREAD_LEAK_TOLERANCE = 2;
    static final long HEAP_GROWTH_TOLERANCE_BYTES = 16L << 20;
    static final long RSS_GROWTH_TOLERANCE_BYTES = 64L << 20;
    static final double GROWTH_TOLERANCE_RATIO = 0.25;
    static final int FD_GROWTH_TOLERANCE = 10;
    static final int THREAD_GROWTH_TOLERANCE = 5;

    private SoakVerdict() {
    }

    /** What is wrong with the run; empty if it passed. */
    static List<String> problems(Duration ran, long ok, List<String> wrongReplies, Map<String, String> unexpected,
            long calmCalls, long calmFailures, long idleWindowFailures, ProcessSample baseline,
            List<ProcessSample> samples, ProcessSample afterClose) {
        List<String> p = new ArrayList<>();
        if (ok == 0) {
            p.add("no call succeeded");
        }
        if (!unexpected.isEmpty()) {
            p.add("failure types no fault explains: " + unexpected);
        }
        if (!wrongReplies.isEmpty()) {
            p.add("replies that did not match their request (cross-talk): " + wrongReplies);
        }
        if (idleWindowFailures > 0) {
            p.add(idleWindowFailures + " calls failed while the server only closed idle connections");
        }
        if (calmCalls > 0 && (double) calmFailures / calmCalls > MAX_CALM_FAILURE_RATIO) {
            p.add(calmFailures + " of " + calmCalls + " calls failed with no fault in progress");
        }
        if (afterClose.fds() > baseline.fds() + FD_LEAK_TOLERANCE) {
            p.add("file descriptors after close " + afterClose.fds() + " > baseline " + baseline.fds() + " + "
                    + FD_LEAK_TOLERANCE);
        }
        if (afterClose.threads() > baseline.threads() + THREAD_LEAK_TOLERANCE) {
            p.add("threads after close " + afterClose.threads() + " > baseline " + baseline.threads() + " + "
                    + THREAD_LEAK_TOLERANCE);
        }
        if (ran.compareTo(TREND_MIN_RUN) >= 0 && samples.size() >= 8) {
            growth(p, "heap after GC", samples, ProcessSample::heapAfterGcBytes, HEAP_GROWTH_TOLERANCE_BYTES);
            growth(p, "RSS", samples, ProcessSample::rssBytes, RSS_GROWTH_TOLERANCE_BYTES);
            growth(p, "open fds", samples, s -> s.fds(), FD_GROWTH_TOLERANCE);
            growth(p, "threads", samples, s -> s.threads(), THREAD_GROWTH_TOLERANCE);
        }
        return p;
    }

    /** Median of the second quarter against median of the last; fails beyond both tolerances. */
    private static void growth(List<String> p, String what, List<ProcessSample> samples,
            ToLongFunction<ProcessSample> metric, long absoluteTolerance) {
        long early = median(samples, samples.size() / 4, samples.size() / 2, metric);
        long late = median(samples, samples.size() * 3 / 4, samples.size(), metric);
        long allowed = Math.max(absoluteTolerance, (long) (early * GROWTH_TOLERANCE_RATIO));
        if (late - early > allowed) {
            p.add(what + " grew from " + early + " to " + late + " (allowed +" + allowed + ")");
        }
    }

    static long median(List<ProcessSample> samples, int from, int to, ToLongFunction<ProcessSample> metric) {
        long[] v = samples.subList(from, to).stream().mapToLong(metric).sorted().toArray();
        return v[v.length / 2];
    }
}
