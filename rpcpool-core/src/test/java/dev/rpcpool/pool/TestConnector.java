package dev.rpcpool.pool;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/** A connector of {@link Conn}s that counts what the pool does to it and can be told to fail. */
final class TestConnector implements Connector<TestConnector.Conn> {

    /** A fake connection. */
    static final class Conn {
        final int number;
        final AtomicBoolean open = new AtomicBoolean(true);
        volatile boolean valid = true;
        /** The peer went away: isOpen says false, but the pool has not closed it yet. */
        volatile boolean peerClosed;
        final AtomicInteger inUse = new AtomicInteger();

        Conn(int number) {
            this.number = number;
        }

        @Override
        public String toString() {
            return "Conn" + number;
        }
    }

    final AtomicInteger connectAttempts = new AtomicInteger();
    final AtomicInteger live = new AtomicInteger();
    final AtomicInteger peakLive = new AtomicInteger();
    final AtomicInteger closes = new AtomicInteger();
    final AtomicInteger validations = new AtomicInteger();
    final List<Conn> made = new CopyOnWriteArrayList<>();
    final List<Duration> connectTimeouts = new CopyOnWriteArrayList<>();
    final List<String> connectThreads = new CopyOnWriteArrayList<>();
    volatile Exception failWith;
    /** When set, connect blocks until it opens (after counting the attempt). */
    volatile java.util.concurrent.CountDownLatch gate;
    volatile boolean failClose;
    /** What {@link #closeReason} answers; null: the pool's own reason. */
    volatile CloseReason reason;
    volatile boolean reasonThrows;

    @Override
    public Conn connect(Duration timeout) throws Exception {
        int n = connectAttempts.incrementAndGet();
        connectTimeouts.add(timeout);
        connectThreads.add(Thread.currentThread().getName());
        int now = live.incrementAndGet(); // counted from the start of the attempt: opening counts
        peakLive.accumulateAndGet(now, Math::max);
        java.util.concurrent.CountDownLatch g = gate;
        if (g != null) {
            g.await();
        }
        Exception f = failWith;
        if (f != null) {
            live.decrementAndGet();
            throw f;
        }
        Conn c = new Conn(n);
        made.add(c);
        return c;
    }

    @Override
    public boolean validate(Conn c, Duration timeout) {
        validations.incrementAndGet();
        return c.valid;
    }

    @Override
    public boolean isOpen(Conn c) {
        return c.open.get() && !c.peerClosed;
    }

    @Override
    public CloseReason closeReason(Conn c, CloseReason observed) {
        if (reasonThrows) {
            throw new IllegalStateException("closeReason failed on purpose");
        }
        return reason;
    }

    @Override
    public void close(Conn c) throws Exception {
        if (!c.open.compareAndSet(true, false)) {
            throw new AssertionError(c + " closed twice");
        }
        closes.incrementAndGet();
        live.decrementAndGet();
        if (failClose) {
            throw new java.io.IOException("close failed on purpose");
        }
    }
}
