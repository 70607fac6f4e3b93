package dev.rpcpool.cli;

import dev.rpcpool.rpc.RequestListener;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * {@code rpcpool serve --stats}: counts the requests the server answers, per method and failed,
 * and turns each interval's counts into one line for a person.
 *
 * <p>Thread-safety: {@link #requestEnded} from any thread (the server's I/O threads); {@link #drain}
 * from one thread at a time. A request counted while a drain runs lands in this interval or the next.
 */
final class RequestStats implements RequestListener {
    /** Names the server does not know, counted together: clients choose them. */
    static final String UNREGISTERED = "(unknown methods)";

    private final Map<String, LongAdder> byMethod = new ConcurrentHashMap<>();
    private final LongAdder failed = new LongAdder();

    @Override
    public void requestEnded(String serviceMethod, boolean registered, long nanos, String error) {
        String key = registered ? serviceMethod : UNREGISTERED;
        LongAdder n = byMethod.get(key);
        if (n == null) {
            n = byMethod.computeIfAbsent(key, k -> new LongAdder());
        }
        n.increment();
        if (error != null) {
            failed.increment();
        }
    }

    /**
     * The line for the interval just ended, and the counts reset: {@code "rpcpool: last 10s: 1,204
     * requests (120/s), 2 failed; Arith.Multiply 1,200, Arith.Divide 4"}; null when nothing came.
     */
    String drain(Duration interval) {
        Map<String, Long> counts = new TreeMap<>();
        long total = 0;
        for (Map.Entry<String, LongAdder> e : byMethod.entrySet()) {
            long n = e.getValue().sumThenReset();
            if (n > 0) {
                counts.put(e.getKey(), n);
                total += n;
            }
        }
        long errors = failed.sumThenReset();
        if (total == 0) {
            return null;
        }
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "rpcpool: last %s: %,d request%s (%,.0f/s), %,d failed;",
                DurationConverter.format(interval), total, total == 1 ? "" : "s", total * 1e9 / interval.toNanos(), errors));
        String sep = " ";
        for (Map.Entry<String, Long> e : counts.entrySet()) {
            line.append(sep).append(e.getKey()).append(' ').append(String.format(Locale.ROOT, "%,d", e.getValue()));
            sep = ", ";
        }
        return line.toString();
    }
}
