package dev.rpcpool.concurrent.internal;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/**
 * Whether a thread is a virtual thread, on any Java from 17: rpcpool is built for Java 17, where
 * {@code Thread.isVirtual()} does not exist, so it is looked up once; on a JVM without it no thread
 * is virtual.
 *
 * <p>Used where a waiting thread would poll: a virtual thread should park instead, since parking
 * one is cheap and each {@code Thread.yield()} unmounts it and copies its stack.
 *
 * <p>Thread-safety: stateless.
 */
public final class VirtualThreads {
    /** {@code Thread.isVirtual()}, or null on a JVM without it. */
    private static final MethodHandle IS_VIRTUAL = lookUp();

    private VirtualThreads() {
    }

    /** Whether {@code thread} is a virtual thread; false on a JVM that has none. */
    public static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable e) { // it only tests the thread's class: cannot throw
            throw new AssertionError("Thread.isVirtual() threw", e);
        }
    }

    private static MethodHandle lookUp() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual",
                    MethodType.methodType(boolean.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null; // before Java 19 (a preview there, final in 21): no thread is virtual
        }
    }
}
