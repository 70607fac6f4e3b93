package dev.rpcpool.rpc.internal;

import dev.rpcpool.concurrent.internal.VirtualThreads;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Run in a Java 21+ JVM by {@link ReplyWaitVirtualThreadTest}: a caller on a virtual thread parks at
 * once under a waiter that lets every caller poll for 30 s, while a platform caller under the same
 * waiter polls. Prints what it saw; exits 0 if both behaved so, 1 if not.
 */
public final class ReplyWaitOnVirtualThreads {
    private ReplyWaitOnVirtualThreads() {
    }

    public static void main(String[] args) throws Exception {
        ReplyWait wait = new ReplyWait(TimeUnit.SECONDS.toNanos(30), Integer.MAX_VALUE);
        String virtual = caller(wait, true);
        String platform = caller(wait, false);
        AtomicReference<Boolean> seenVirtual = new AtomicReference<>();
        ((Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null,
                (Runnable) () -> seenVirtual.set(VirtualThreads.isVirtual(Thread.currentThread())))).join();
        boolean seenPlatform = VirtualThreads.isVirtual(Thread.currentThread());
        System.out.println("virtual: " + virtual);
        System.out.println("platform: " + platform);
        System.out.println("recognised: virtual " + seenVirtual.get() + ", platform " + seenPlatform);
        System.exit(virtual.equals("parked at once, got reply") && platform.equals("polled, got reply")
                && seenVirtual.get() && !seenPlatform ? 0 : 1);
    }

    /** Starts a caller awaiting a reply, watches it for up to 5 s, then completes the reply. */
    private static String caller(ReplyWait wait, boolean virtual) throws Exception {
        SyncReply reply = new SyncReply();
        AtomicReference<Object> out = new AtomicReference<>();
        Runnable body = () -> {
            try {
                out.set(wait.await(reply));
            } catch (Exception e) {
                out.set(e);
            }
        };
        Thread t = virtual ? (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, body)
                : new Thread(body);
        if (!virtual) {
            t.start();
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        boolean polled = false;
        boolean parked = false;
        while (System.nanoTime() < deadline && !parked && !polled) {
            polled = wait.spinning() > 0;
            parked = t.getState() == Thread.State.WAITING;
            Thread.sleep(1);
        }
        reply.complete("reply");
        t.join(5_000);
        String how = polled ? "polled" : parked ? "parked at once" : "neither polled nor parked in 5 s";
        return how + (", got " + out.get());
    }
}
