package dev.rpcpool.soak;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Injects one fault every {@code every}, cycling through {@link Kind}, into every target at once;
 * each fault lasts a quarter of the period. Callers ask it whether now is calm (no fault, and the
 * pools have had {@link #GRACE} to recover) and whether they should pause (a lull, so connections
 * fall idle for the server to close).
 *
 * <p>Thread-safety: {@link #run} on one thread; the queries from any thread.
 */
final class FaultInjector implements Runnable {
    /** After a fault ends, this long for pools to reconnect (their backoff is capped below it). */
    static final Duration GRACE = Duration.ofSeconds(1);
    private static final long SWEEP_NANOS = TimeUnit.MILLISECONDS.toNanos(20);
    /** The proxy closes connections quiet this long; the pools retry idle closes above a quarter of it. */
    static final Duration SERVER_IDLE_TIMEOUT = Duration.ofMillis(200);

    /** The faults, in the order they are injected. */
    enum Kind { RESET, IDLE_CLOSE, BLACKHOLE, SERVER_RESTART, REFUSE_NEW }

    private final List<SoakTarget> targets;
    private final long everyNanos;
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Map<Kind, Integer> injected = new EnumMap<>(Kind.class);
    private volatile Kind active;
    private volatile long calmFrom = Long.MAX_VALUE; // nothing is calm before the first fault has passed
    private volatile long lullUntil;

    FaultInjector(List<SoakTarget> targets, Duration every) {
        this.targets = targets;
        this.everyNanos = every.toNanos();
    }

    @Override
    public void run() {
        calmFrom = System.nanoTime();
        int next = 0;
        while (running.get()) {
            park(everyNanos - everyNanos / 4);
            if (!running.get()) {
                return;
            }
            Kind kind = Kind.values()[next++ % Kind.values().length];
            calmFrom = Long.MAX_VALUE;
            active = kind;
            inject(kind, everyNanos / 4);
            active = null;
            calmFrom = System.nanoTime() + GRACE.toNanos();
            synchronized (injected) {
                injected.merge(kind, 1, Integer::sum);
            }
        }
    }

    private void inject(Kind kind, long windowNanos) {
        long end = System.nanoTime() + windowNanos;
        switch (kind) {
            case RESET -> targets.forEach(t -> t.proxy.resetAll());
            case IDLE_CLOSE -> {
                // callers pause for part of the window; the server closes what falls idle at random moments
                lullUntil = System.nanoTime() + windowNanos / 2 + ThreadLocalRandom.current().nextLong(windowNanos / 4);
                while (System.nanoTime() < end) {
                    targets.forEach(t -> t.proxy.closeIdle(SERVER_IDLE_TIMEOUT));
                    park(ThreadLocalRandom.current().nextLong(SWEEP_NANOS));
                }
            }
            case BLACKHOLE -> {
                targets.forEach(t -> t.proxy.blackhole(true));
                park(end - System.nanoTime());
                targets.forEach(t -> t.proxy.blackhole(false));
                // bytes were dropped mid-stream, which TCP never does: end those connections as the
                // peer's timeout would, so no client reads a stream with a hole in it
                targets.forEach(t -> t.proxy.resetAll());
            }
            case SERVER_RESTART -> {
                targets.forEach(SoakTarget::stopServer);
                park(end - System.nanoTime());
                targets.forEach(SoakTarget::startServer);
            }
            case REFUSE_NEW -> {
                targets.forEach(t -> {
                    try {
                        t.proxy.refuseNew();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                park(end - System.nanoTime());
                targets.forEach(t -> {
                    try {
                        t.proxy.acceptAgain();
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            }
        }
        park(end - System.nanoTime());
    }

    private static void park(long nanos) {
        long until = System.nanoTime() + nanos;
        for (long left = nanos; left > 0; left = until - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    void stop() {
        running.set(false);
    }

    /** No fault now, and none for {@link #GRACE} before. */
    boolean calm() {
        return System.nanoTime() >= calmFrom;
    }

    /** The fault in progress, or null. */
    Kind active() {
        return active;
    }

    /** Nanos callers should pause now (a lull during an idle-close fault), else 0 or less. */
    long lullLeftNanos() {
        return lullUntil - System.nanoTime();
    }

    Map<Kind, Integer> injected() {
        synchronized (injected) {
            return Map.copyOf(injected);
        }
    }
}
