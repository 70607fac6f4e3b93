package dev.rpcpool.pool.modelcheck;

import static dev.rpcpool.pool.modelcheck.PoolOperations.CLOSED;
import static dev.rpcpool.pool.modelcheck.PoolOperations.INVALIDATED;
import static dev.rpcpool.pool.modelcheck.PoolOperations.LEASED;
import static dev.rpcpool.pool.modelcheck.PoolOperations.MAX_CONNECTIONS;
import static dev.rpcpool.pool.modelcheck.PoolOperations.NOTHING_HELD;
import static dev.rpcpool.pool.modelcheck.PoolOperations.RELEASED;
import static dev.rpcpool.pool.modelcheck.PoolOperations.TIMED_OUT;

/**
 * The sequential specification of {@link PoolOperations}: a pool is a count of open connections
 * under a cap, how many of them are leased, and a closed flag. A zero-timeout acquire takes only an
 * idle connection (it has no time left to connect); a bounded acquire also opens one under the cap.
 * Run alone, a wait cannot be helped by another thread's release, so when the pool is full a bounded
 * acquire times out.
 */
public class PoolModel {
    private int open;
    /** Leases held by holder a and by holder b (see {@link PoolOperations}). */
    private int heldA;
    private int heldB;
    private boolean closed;

    public PoolModel() {
        this(0);
    }

    PoolModel(int open) {
        this.open = open;
    }

    public String acquireNowA() {
        return acquireNow(true);
    }

    public String acquireNowB() {
        return acquireNow(false);
    }

    /** {@code tryAcquire}: alone, exactly a zero-timeout acquire (it never connects). */
    public String tryAcquireA() {
        return acquireNow(true);
    }

    public String tryAcquireB() {
        return acquireNow(false);
    }

    public String acquireWithinA() {
        return acquireWithin(true);
    }

    public String acquireWithinB() {
        return acquireWithin(false);
    }

    public String releaseA() {
        return end(true, RELEASED);
    }

    public String releaseB() {
        return end(false, RELEASED);
    }

    public String invalidateA() {
        return end(true, INVALIDATED);
    }

    public String invalidateB() {
        return end(false, INVALIDATED);
    }

    public String close() {
        closed = true;
        return CLOSED;
    }

    private String acquireNow(boolean a) {
        if (closed) {
            return CLOSED;
        }
        if (held() == open) {
            return TIMED_OUT; // no idle connection, and no time to open one
        }
        hold(a, 1);
        return LEASED;
    }

    private String acquireWithin(boolean a) {
        if (closed) {
            return CLOSED;
        }
        if (held() == open) {
            if (open == MAX_CONNECTIONS) {
                return TIMED_OUT;
            }
            open++;
        }
        hold(a, 1);
        return LEASED;
    }

    /** Ending a lease works even after close (the connection is closed then); invalidate closes it. */
    private String end(boolean a, String result) {
        if ((a ? heldA : heldB) == 0) {
            return NOTHING_HELD;
        }
        hold(a, -1);
        if (result.equals(INVALIDATED)) {
            open--;
        }
        return result;
    }

    private int held() {
        return heldA + heldB;
    }

    private void hold(boolean a, int delta) {
        if (a) {
            heldA += delta;
        } else {
            heldB += delta;
        }
    }
}
