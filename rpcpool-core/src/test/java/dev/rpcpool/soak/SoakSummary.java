package dev.rpcpool.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.function.ToLongFunction;

/** Prints a {@link SoakReport} for people: counts, faults, resource trends, verdict. Stateless. */
final class SoakSummary {
    private SoakSummary() {
    }

    static void print(SoakReport r, PrintStream out) {
        out.println("== soak summary ==");
        out.printf("ran %ds: %d calls, %d ok, %d expected failures (server errors, calls slower than their deadline), "
                + "%d wrong replies%n", r.ran().toSeconds(), r.calls(), r.ok(), r.expectedFailures(), r.wrongReplies());
        r.wrongReplySamples().forEach(w -> out.println("  wrong reply: " + w));
        out.printf("late successes (a call meant to time out got its own reply after its deadline): %d%n",
                r.lateSuccesses());
        out.printf("failures by type: %s%n", r.failuresByType());
        out.printf("unexpected failure types: %s%n", r.unexpectedFailures().isEmpty() ? "none" : r.unexpectedFailures());
        out.printf("calm periods: %d calls, %d failed; during idle closes: %d failed%n", r.calmCalls(), r.calmFailures(),
                r.idleWindowFailures());
        out.printf("faults injected: %s%n", r.faultsInjected());
        List<ProcessSample> s = r.samples();
        if (s.size() >= 4) {
            trend(out, "heap after GC (MB)", s, ProcessSample::heapAfterGcBytes, 1e6);
            trend(out, "RSS (MB)", s, ProcessSample::rssBytes, 1e6);
            trend(out, "open fds", s, x -> x.fds(), 1);
            trend(out, "threads", s, x -> x.threads(), 1);
        }
        out.printf("baseline: fds=%d threads=%d; after close: fds=%d threads=%d%n", r.baseline().fds(),
                r.baseline().threads(), r.afterClose().fds(), r.afterClose().threads());
        out.println(r.passed() ? "verdict: PASS" : "verdict: FAIL");
        r.problems().forEach(p -> out.println("  - " + p));
    }

    private static void trend(PrintStream out, String what, List<ProcessSample> s, ToLongFunction<ProcessSample> m,
            double unit) {
        int n = s.size();
        out.printf("%-20s first %.1f, 2nd-quarter median %.1f, last-quarter median %.1f, max %.1f, last %.1f%n", what,
                m.applyAsLong(s.get(0)) / unit, SoakVerdict.median(s, n / 4, n / 2, m) / unit,
                SoakVerdict.median(s, n * 3 / 4, n, m) / unit, s.stream().mapToLong(m).max().orElse(0) / unit,
                m.applyAsLong(s.get(n - 1)) / unit);
    }
}
