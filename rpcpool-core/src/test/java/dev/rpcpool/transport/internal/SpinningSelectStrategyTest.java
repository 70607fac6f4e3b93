package dev.rpcpool.transport.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.channel.SelectStrategy;
import io.netty.util.IntSupplier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The I/O thread's choice between sleeping and polling: as Netty's default unless its wake hint
 * says a synchronous caller is about to send, and then for a bounded time only. The clock and the
 * readiness source are the test's, so every decision is checked exactly.
 */
class SpinningSelectStrategyTest {
    private static final long WINDOW = TimeUnit.MICROSECONDS.toNanos(50);

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final IoWakeHint hint = new IoWakeHint();
    private final SpinningSelectStrategy strategy = new SpinningSelectStrategy(WINDOW, now::get, hint);
    private final AtomicInteger polls = new AtomicInteger();
    private int ready;
    private final IntSupplier epollNow = () -> {
        polls.incrementAndGet();
        return ready;
    };

    @Test
    void withoutAPollingCallerAnIdleLoopSleepsAtOnceAsNettysDefaultDoes() throws Exception {
        assertThat(strategy.calculateStrategy(epollNow, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).as("no extra epoll_wait").hasValue(0);
    }

    @Test
    void withTasksQueuedItNeverSleepsHintOrNot() throws Exception {
        ready = 2;
        assertThat(strategy.calculateStrategy(epollNow, true)).isEqualTo(2);
        ready = 0;
        assertThat(strategy.calculateStrategy(epollNow, true)).isZero();
        assertThat(polls).hasValue(2);
    }

    @Test
    void whileACallerPollsTheLoopPollsForAtMostTheWindowThenSleeps() throws Exception {
        hint.callerPolling();
        assertThat(strategy.calculateStrategy(epollNow, false)).as("polls: nothing ready yet").isZero();
        now.addAndGet(WINDOW / 2);
        assertThat(strategy.calculateStrategy(epollNow, false)).isZero();
        now.addAndGet(WINDOW / 2);
        assertThat(strategy.calculateStrategy(epollNow, false)).as("window spent").isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).hasValue(3);
    }

    @Test
    void readyEventsEndThePollAndTheNextIdleSpellGetsAFreshWindow() throws Exception {
        hint.callerPolling();
        assertThat(strategy.calculateStrategy(epollNow, false)).isZero();
        now.addAndGet(WINDOW - 1);
        ready = 1;
        assertThat(strategy.calculateStrategy(epollNow, false)).isEqualTo(1);
        ready = 0;
        now.addAndGet(WINDOW - 1);
        assertThat(strategy.calculateStrategy(epollNow, false)).as("a new idle spell").isZero();
    }

    @Test
    void aCallerThatTookItsReplyKeepsTheLoopPollingForTheWindowOnly() throws Exception {
        hint.callerPolling();
        long before = System.nanoTime(); // the hint stamps real time: read it around the stamp, so
        hint.callerStopped(true);        // a descheduled test thread cannot make this flaky
        now.set(before);
        assertThat(strategy.calculateStrategy(epollNow, false)).isZero();
        now.set(System.nanoTime() + 10 * WINDOW);
        assertThat(strategy.calculateStrategy(epollNow, false)).isEqualTo(SelectStrategy.SELECT);
    }

    @Test
    void aCallerThatGaveUpPollingLetsTheLoopSleep() throws Exception {
        hint.callerPolling();
        hint.callerStopped(false); // it blocks now: a wake-up is coming anyway
        assertThat(strategy.calculateStrategy(epollNow, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(polls).hasValue(0);
    }

    @Test
    void everyRpcpoolIoThreadHasItsOwnHint() throws Exception {
        try (dev.rpcpool.transport.EventLoopResources loops = dev.rpcpool.transport.EventLoopResources.create(2)) {
            IoWakeHint first = loops.group().next().submit(IoThreads::wakeHintOfCurrent).get(10, TimeUnit.SECONDS);
            IoWakeHint second = loops.group().next().submit(IoThreads::wakeHintOfCurrent).get(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull().isNotSameAs(second);
        }
    }

    @Test
    void onAThreadThatIsNotAnRpcpoolIoThreadThereIsNoHintAndNoPolling() throws Exception {
        SpinningSelectStrategy elsewhere = (SpinningSelectStrategy) SpinningSelectStrategy.factory(WINDOW).newSelectStrategy();
        assertThat(elsewhere.calculateStrategy(epollNow, false)).isEqualTo(SelectStrategy.SELECT);
        assertThat(IoThreads.wakeHintOfCurrent()).isNull();
        assertThatThrownBy(() -> SpinningSelectStrategy.factory(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
