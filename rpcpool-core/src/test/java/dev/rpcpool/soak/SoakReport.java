package dev.rpcpool.soak;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The outcome of a soak run: counts, faults, process samples over time, and the verdict.
 *
 * @param wrongReplySamples the first few replies that did not match their request, described
 * @param lateSuccesses calls expected to time out that got their own reply after their deadline
 * @param baseline before anything was started
 * @param samples one per report interval while load ran
 * @param afterClose once every pool, proxy and server was closed (and given time to let go)
 * @param idleWindowFailures failures of calls that ended while the server was closing idle connections
 */
public record SoakReport(Duration ran, long calls, long ok, long expectedFailures, long wrongReplies,
        List<String> wrongReplySamples, long lateSuccesses,
        Map<String, Long> failuresByType, Map<String, String> unexpectedFailures, long calmCalls,
        long calmFailures, long idleWindowFailures, Map<FaultInjector.Kind, Integer> faultsInjected,
        ProcessSample baseline, List<ProcessSample> samples, ProcessSample afterClose, List<String> problems) {

    public boolean passed() {
        return problems.isEmpty();
    }
}
