package dev.rpcpool.soak;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the process holds at one moment: heap used right after a full GC, resident memory, open
 * file descriptors and live threads (the JVM's common pool and Netty's global executor left out:
 * they come and go on their own timers). Linux only for RSS and fds ({@code -1} elsewhere).
 *
 * <p>Thread-safety: immutable.
 */
public record ProcessSample(long elapsedMillis, long heapAfterGcBytes, long rssBytes, int fds, int threads) {

    /** Takes a sample; runs a full GC first so the heap figure is what is live, not garbage. */
    public static ProcessSample take(long elapsedMillis) {
        System.gc();
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        return new ProcessSample(elapsedMillis, heap, rss(), openFds(), liveThreads());
    }

    static int liveThreads() {
        return (int) Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> !n.startsWith("ForkJoinPool.commonPool") && !n.startsWith("globalEventExecutor"))
                .count();
    }

    static int openFds() {
        String[] fds = new File("/proc/self/fd").list();
        return fds == null ? -1 : fds.length;
    }

    static long rss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    String describe() {
        return String.format("heap=%.1fMB rss=%.0fMB fds=%d threads=%d", heapAfterGcBytes / 1e6, rssBytes / 1e6, fds,
                threads);
    }
}
