package dev.rpcpool.transport.internal;

import io.netty.channel.SelectStrategy;
import io.netty.channel.SelectStrategyFactory;
import io.netty.util.IntSupplier;
import java.util.function.LongSupplier;

/**
 * Netty's default select strategy, except that an idle I/O thread polls (non-blocking
 * {@code epoll_wait}, yielding its CPU between polls) for up to {@code spinNanos} before it sleeps
 * while its {@link IoWakeHint} says a synchronous caller is about to send. A request submitted
 * while the thread polls needs no wake-up; on a small virtual machine that wake-up (an
 * {@code eventfd} write, then a halted CPU brought back) costs more than a loopback round trip.
 *
 * <p>Without the hint it behaves exactly as the default: asynchronous callers, whose next request
 * is written by the I/O thread itself, and busy or idle servers never see it poll.
 *
 * <p>Thread-safety: one instance per event loop, used only by that loop's thread.
 */
public final class SpinningSelectStrategy implements SelectStrategy {
    private final long spinNanos;
    private final LongSupplier clock;
    private IoWakeHint hint;
    private boolean polling;
    private long pollingSinceNanos;

    /** {@code hint}: the loop's own, or null to take the running I/O thread's on first use. */
    SpinningSelectStrategy(long spinNanos, LongSupplier clock, IoWakeHint hint) {
        this.spinNanos = spinNanos;
        this.clock = clock;
        this.hint = hint;
    }

    /**
     * A factory giving each event loop its own strategy, reading the hint of the loop's thread.
     *
     * @throws IllegalArgumentException if {@code spinNanos <= 0}
     */
    public static SelectStrategyFactory factory(long spinNanos) {
        if (spinNanos <= 0) {
            throw new IllegalArgumentException("spinNanos must be positive, was " + spinNanos);
        }
        return () -> new SpinningSelectStrategy(spinNanos, System::nanoTime, null);
    }

    @Override
    public int calculateStrategy(IntSupplier selectSupplier, boolean hasTasks) throws Exception {
        if (hasTasks) {
            polling = false;
            return selectSupplier.get(); // as the default: never sleep with tasks queued
        }
        if (hint == null) {
            hint = IoThreads.wakeHintOfCurrent(); // constructed on another thread: learnt here
            if (hint == null) {
                return SelectStrategy.SELECT; // not one of rpcpool's I/O threads: nobody hints
            }
        }
        long now = clock.getAsLong();
        if (!hint.requestExpected(now, spinNanos)) {
            polling = false;
            return SelectStrategy.SELECT;
        }
        int ready = selectSupplier.get();
        if (ready > 0) {
            polling = false;
            return ready;
        }
        if (!polling) {
            polling = true;
            pollingSinceNanos = now;
        } else if (now - pollingSinceNanos >= spinNanos) {
            polling = false;
            return SelectStrategy.SELECT;
        }
        Thread.yield(); // the caller, or the server it talks to, may need this CPU
        return 0; // nothing ready: the loop runs any due tasks and asks again
    }
}
