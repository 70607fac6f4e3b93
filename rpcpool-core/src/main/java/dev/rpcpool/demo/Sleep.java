package dev.rpcpool.demo;

/** {@code Sleep.Millis}: sleeps the given milliseconds, then returns them; for timeout and ordering tests. Thread-safe. */
public final class Sleep {
    /**
     * @throws InterruptedException if the server is shutting down and interrupts the call
     */
    public int millis(int ms) throws InterruptedException {
        Thread.sleep(Math.max(0, ms));
        return ms;
    }
}
