package dev.rpcpool.pool.internal;

/**
 * The FIFO queue of waiters: an intrusive doubly linked list so that a waiter that times out or is
 * interrupted leaves from the middle in O(1). Thread-safety: none; guarded by the pool lock.
 */
final class WaitQueue<C> {
    private Waiter<C> head;
    private Waiter<C> tail;
    private int size;

    Waiter<C> head() {
        return head;
    }

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    void add(Waiter<C> w) {
        w.prev = tail;
        w.next = null;
        if (tail == null) {
            head = w;
        } else {
            tail.next = w;
        }
        tail = w;
        w.queued = true;
        size++;
    }

    /** Removes {@code w} if queued; returns whether it was. */
    boolean remove(Waiter<C> w) {
        if (!w.queued) {
            return false;
        }
        if (w.prev == null) {
            head = w.next;
        } else {
            w.prev.next = w.next;
        }
        if (w.next == null) {
            tail = w.prev;
        } else {
            w.next.prev = w.prev;
        }
        w.prev = null;
        w.next = null;
        w.queued = false;
        size--;
        return true;
    }
}
