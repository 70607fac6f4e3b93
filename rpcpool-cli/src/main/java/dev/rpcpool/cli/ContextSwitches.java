package dev.rpcpool.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Context switches of this process's threads, from Linux's {@code /proc/self/task/<tid>/status}
 * ({@code voluntary_ctxt_switches}: the thread blocked, as a parked caller does;
 * {@code nonvoluntary_ctxt_switches}: the scheduler took its CPU away). Java has no API for them.
 *
 * <p>A snapshot keeps each thread's count, so that {@link #since} counts a thread that started
 * in between from zero and is not thrown off by one that ended (whose switches after the first
 * snapshot are lost: the load keeps its caller threads alive until it has read them).
 *
 * <p>Thread-safety: immutable snapshots; reading one costs a file read per thread.
 */
final class ContextSwitches {
    private static final Path TASKS = Path.of("/proc/self/task");

    private final Map<String, Long> byThread;

    private ContextSwitches(Map<String, Long> byThread) {
        this.byThread = byThread;
    }

    /** The counts now, or null where the system does not expose them (not Linux). */
    static ContextSwitches now() {
        if (!Files.isDirectory(TASKS)) {
            return null;
        }
        Map<String, Long> counts = new HashMap<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                long n = switchesOf(task.resolve("status"));
                if (n >= 0) {
                    counts.put(task.getFileName().toString(), n);
                }
            }
        } catch (IOException e) {
            return null;
        }
        return counts.isEmpty() ? null : new ContextSwitches(counts);
    }

    /** Switches made since {@code earlier} by the threads alive now. */
    long since(ContextSwitches earlier) {
        long total = 0;
        for (Map.Entry<String, Long> e : byThread.entrySet()) {
            long d = e.getValue() - earlier.byThread.getOrDefault(e.getKey(), 0L);
            total += d >= 0 ? d : e.getValue(); // a reused thread id: a new thread, counted from zero
        }
        return total;
    }

    /** Voluntary plus involuntary switches in one thread's status file; -1 if it ended meanwhile. */
    private static long switchesOf(Path status) {
        try {
            long n = 0;
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("voluntary_ctxt_switches:") || line.startsWith("nonvoluntary_ctxt_switches:")) {
                    n += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
                }
            }
            return n;
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
    }
}
