package dev.rpcpool.cli;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a closed-loop load runs its blocking callers on: platform threads, or virtual threads
 * where the JVM has them (Java 21 and newer). rpcpool is built for Java 17, so virtual threads are
 * reached through method handles rather than compiled against.
 *
 * <p>Thread-safety: the factories are thread-safe.
 */
final class CallerThreads {
    /** The first Java release whose virtual threads are final (JEP 444). */
    static final int VIRTUAL_THREADS_SINCE = 21;

    private CallerThreads() {
    }

    /** Daemon platform threads named {@code prefix-caller-0}, {@code -1}, and so on. */
    static ThreadFactory platform(String prefix) {
        AtomicInteger next = new AtomicInteger();
        return body -> {
            Thread t = new Thread(body, prefix + "-caller-" + next.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /** Whether this JVM can start virtual threads. */
    static boolean virtualAvailable() {
        return Runtime.version().feature() >= VIRTUAL_THREADS_SINCE;
    }

    /**
     * Virtual threads named {@code prefix-caller-0}, {@code -1}, and so on (always daemon threads).
     *
     * @throws UnsupportedOperationException if this JVM is older than Java 21, saying which it is
     */
    static ThreadFactory virtual(String prefix) {
        if (!virtualAvailable()) {
            throw new UnsupportedOperationException("virtual threads need Java " + VIRTUAL_THREADS_SINCE
                    + " or newer; this JVM is Java " + Runtime.version() + " (" + System.getProperty("java.home") + ")");
        }
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> builder = Class.forName("java.lang.Thread$Builder");
            Object ofVirtual = lookup.findStatic(Thread.class, "ofVirtual",
                    MethodType.methodType(Class.forName("java.lang.Thread$Builder$OfVirtual"))).invoke();
            MethodHandle name = lookup.findVirtual(builder, "name",
                    MethodType.methodType(builder, String.class, long.class));
            MethodHandle factory = lookup.findVirtual(builder, "factory", MethodType.methodType(ThreadFactory.class));
            return (ThreadFactory) factory.invoke(name.invoke(ofVirtual, prefix + "-caller-", 0L));
        } catch (Throwable e) { // the API is final since 21: only a broken JVM gets here
            throw new IllegalStateException("could not create virtual threads on Java " + Runtime.version(), e);
        }
    }
}
