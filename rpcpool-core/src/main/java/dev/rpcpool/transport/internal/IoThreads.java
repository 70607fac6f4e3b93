package dev.rpcpool.transport.internal;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import java.util.concurrent.ThreadFactory;

/**
 * rpcpool's I/O threads, recognisable as such: code that may be reached from a callback running on
 * one (a direct callback executor) must never block it, since the reply it would wait for is read
 * by an I/O thread too. Internal.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class IoThreads {
    private IoThreads() {
    }

    /** A factory of daemon I/O threads named {@code prefix-<pool>-<n>}. */
    public static ThreadFactory factory(String prefix) {
        return new Factory(prefix);
    }

    /** True when the calling thread is one of rpcpool's I/O threads. */
    public static boolean isCurrent() {
        return Thread.currentThread() instanceof IoThread;
    }

    /**
     * Refuses to block an I/O thread waiting for {@code serviceMethod}'s reply: that reply would be
     * read by an I/O thread, perhaps this one, so the wait could never end.
     *
     * @throws IllegalStateException on an I/O thread
     */
    public static void checkMayBlock(String serviceMethod) {
        if (isCurrent()) {
            throw new IllegalStateException("blocking call " + serviceMethod + " on rpcpool I/O thread "
                    + Thread.currentThread().getName() + ": it would wait for a reply that an I/O thread must read."
                    + " In a callback of callAsync that runs on the I/O thread (directCallbacks), use callAsync;"
                    + " a service method that makes blocking calls needs a server without directExecutor()");
        }
    }

    /**
     * The wake hint of the calling I/O thread, for connections it serves to hand to their
     * synchronous callers; null on any other thread.
     */
    public static IoWakeHint wakeHintOfCurrent() {
        return Thread.currentThread() instanceof IoThread io ? io.wakeHint : null;
    }

    private static final class IoThread extends FastThreadLocalThread {
        final IoWakeHint wakeHint = new IoWakeHint();

        IoThread(ThreadGroup group, Runnable task, String name) {
            super(group, task, name);
        }
    }

    private static final class Factory extends DefaultThreadFactory {
        Factory(String prefix) {
            super(prefix, true);
        }

        @Override
        protected Thread newThread(Runnable task, String name) {
            return new IoThread(threadGroup, task, name);
        }
    }
}
