package dev.rpcpool.soak;

import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts of the soak's calls: succeeded, ended in their expected failure, replies that belonged to
 * another call, and failures by exception type; failures outside fault windows are counted apart.
 *
 * <p>Thread-safety: thread-safe; snapshots are not atomic across counters.
 */
final class Tally {
    /** Failures a fault may cause; anything else is a bug. */
    static final Set<String> EXPECTED_UNDER_FAULTS = Set.of("TransportException", "ConnectFailedException",
            "CallTimeoutException", "PoolTimeoutException", "PoolConnectException", "PoolBackoffException");

    final LongAdder ok = new LongAdder();
    final LongAdder expectedFailures = new LongAdder();
    final LongAdder wrongReplies = new LongAdder();
    /** Calls expected to time out that got their own reply after their deadline. */
    final LongAdder lateSuccesses = new LongAdder();
    final LongAdder calmCalls = new LongAdder();
    final LongAdder calmFailures = new LongAdder();
    private final Map<String, LongAdder> failures = new ConcurrentHashMap<>();
    private final Map<String, String> firstMessage = new ConcurrentHashMap<>();
    private final Queue<String> wrongSamples = new ConcurrentLinkedQueue<>();

    /** Records a reply that did not match its request; the first few are kept to be shown. */
    void wrong(String description) {
        wrongReplies.increment();
        if (wrongSamples.size() < 10) {
            wrongSamples.add(description);
        }
    }

    List<String> wrongSamples() {
        return List.copyOf(wrongSamples);
    }

    void failed(RuntimeException e, boolean calm) {
        String type = e.getClass().getSimpleName();
        failures.computeIfAbsent(type, k -> new LongAdder()).increment();
        firstMessage.putIfAbsent(type, String.valueOf(e.getMessage()));
        if (calm) {
            calmFailures.increment();
        }
    }

    long calls() {
        return ok.sum() + expectedFailures.sum() + lateSuccesses.sum() + wrongReplies.sum() + failed();
    }

    long failed() {
        return failures.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> failuresByType() {
        Map<String, Long> m = new TreeMap<>();
        failures.forEach((k, v) -> m.put(k, v.sum()));
        return m;
    }

    /** Failure types no fault explains, with the first message seen of each. */
    Map<String, String> unexpected() {
        Map<String, String> m = new TreeMap<>();
        failures.keySet().stream().filter(t -> !EXPECTED_UNDER_FAULTS.contains(t))
                .forEach(t -> m.put(t, firstMessage.get(t)));
        return m;
    }
}
