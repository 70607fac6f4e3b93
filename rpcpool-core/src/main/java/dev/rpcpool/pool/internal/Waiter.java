package dev.rpcpool.pool.internal;

import java.util.concurrent.locks.LockSupport;

/**
 * A caller parked in the pool's FIFO queue. The pool fills {@link #grant} under its lock and unparks
 * the thread; the waiter reads it after waking. Fields other than {@code grant} are guarded by the
 * pool lock.
 */
final class Waiter<C> {
    /** Grant: permission (and capacity reserved) to open a new connection. */
    static final Object CREATE = new Object() {
        @Override
        public String toString() {
            return "CREATE";
        }
    };
    /** Grant: the pool was closed. */
    static final Object CLOSED = new Object();
    /** Grant: a new connection is needed but connects are backing off; see the backoff fields. */
    static final Object BACKOFF = new Object();

    final Thread thread;
    /** An {@link Entry} claimed for this waiter (leased or RESERVED), or one of the markers above. */
    volatile Object grant;
    Throwable backoffCause;
    int backoffFailures;
    long backoffRemainingNanos;

    Waiter<C> prev;
    Waiter<C> next;
    boolean queued;

    Waiter(Thread thread) {
        this.thread = thread;
    }

    void grant(Object value) {
        grant = value;
        LockSupport.unpark(thread);
    }
}
