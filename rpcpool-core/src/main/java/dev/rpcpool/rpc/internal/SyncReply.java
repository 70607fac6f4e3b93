package dev.rpcpool.rpc.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.locks.LockSupport;

/**
 * The outcome of one synchronous call, handed from the thread that completes it (usually the I/O
 * thread) to the one caller blocked on it: a write-once slot and a direct unpark. A
 * {@code CompletableFuture} would do the same with a completion stack and a fresh
 * {@code Signaller} node for every blocked {@code get()}: two objects per call, on the path every
 * blocking call takes.
 *
 * <p>{@link #get()} behaves as {@code CompletableFuture.get()}: the value, or
 * {@link ExecutionException} wrapping the failure, or {@link InterruptedException} (flag cleared)
 * when the thread is interrupted before the outcome is there; an outcome already there is
 * returned even to an interrupted thread.
 *
 * <p>Thread-safety: {@link #complete} and {@link #fail} from any thread, the first one wins;
 * {@link #get()} by one thread at a time (the caller the call belongs to); {@link #isDone()} from
 * any thread.
 */
public final class SyncReply {
    private static final Object PENDING = new Object();
    /** Stands for a {@code null} value (a JSON {@code null} result). */
    private static final Object NULL = new Object();
    private static final VarHandle STATE;

    static {
        try {
            STATE = MethodHandles.lookup().findVarHandle(SyncReply.class, "state", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** PENDING, then the value (NULL for null) or a {@link Failure}. */
    private volatile Object state = PENDING;
    /** The caller parked in {@link #get()}, if any: written before it reads {@link #state} again. */
    private volatile Thread waiter;

    /** Sets the value unless the outcome is set already; wakes the waiting caller. */
    public boolean complete(Object value) {
        return settle(value == null ? NULL : value);
    }

    /** Sets the failure unless the outcome is set already; wakes the waiting caller. */
    public boolean fail(Throwable error) {
        return settle(new Failure(error));
    }

    public boolean isDone() {
        return state != PENDING;
    }

    /**
     * Waits for the outcome.
     *
     * @throws ExecutionException if the call failed (its cause is the failure)
     * @throws InterruptedException if the thread was interrupted before the outcome was there
     */
    public Object get() throws InterruptedException, ExecutionException {
        Object s = state;
        if (s == PENDING) {
            s = awaitOutcome();
        }
        if (s instanceof Failure f) {
            throw new ExecutionException(f.error);
        }
        return s == NULL ? null : s;
    }

    private boolean settle(Object outcome) {
        if (!STATE.compareAndSet(this, PENDING, outcome)) {
            return false;
        }
        // state was written before waiter is read, and get() writes waiter before reading state
        // again: one of the two sides always sees the other, so a parked caller is always woken
        Thread w = waiter;
        if (w != null) {
            LockSupport.unpark(w);
        }
        return true;
    }

    private Object awaitOutcome() throws InterruptedException {
        waiter = Thread.currentThread();
        try {
            Object s;
            while ((s = state) == PENDING) {
                if (Thread.interrupted()) {
                    throw new InterruptedException();
                }
                LockSupport.park(this);
            }
            return s;
        } finally {
            waiter = null;
        }
    }

    private record Failure(Throwable error) {}
}
