package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.Connector;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Connections are plain objects: connecting always succeeds at once, and the connector counts the
 * connections alive so a check can tell that everything the pool opened was closed, once.
 */
public final class InMemoryConnector implements Connector<InMemoryConnector.Conn> {

    /** A fake connection that knows how many lease holders use it right now. */
    public static final class Conn {
        /** Raised by whoever receives the connection from the pool; more than one is a double hand-out. */
        final AtomicInteger holders = new AtomicInteger();
        private final AtomicInteger closes = new AtomicInteger();
    }

    private final AtomicInteger live = new AtomicInteger();
    private final AtomicInteger closedTwice = new AtomicInteger();

    @Override
    public Conn connect(Duration timeout) {
        live.incrementAndGet();
        return new Conn();
    }

    @Override
    public void close(Conn connection) {
        if (connection.closes.incrementAndGet() == 1) {
            live.decrementAndGet();
        } else {
            closedTwice.incrementAndGet(); // the pool swallows close() exceptions: count it instead
        }
    }

    int live() {
        return live.get();
    }

    int closedTwice() {
        return closedTwice.get();
    }
}
