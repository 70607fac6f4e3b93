package dev.rpcpool;

/**
 * Hears how every call of an {@link RpcClientPool} ended and how long it took, for metrics (see
 * {@code dev.rpcpool.micrometer.RpcClientPoolMetrics#callListener}) or logging. Set with
 * {@link RpcClientPool.Builder#callListener}; without one the pool reads no clock for it.
 *
 * <p>Called exactly once per call that the pool completes, after its outcome is settled: for
 * {@code call}, on the calling thread just before it returns or throws; for {@code callAsync}, on
 * the thread that completes the future (the callback executor, or an I/O thread with direct
 * callbacks), after the future's own stages ran. A future the caller cancelled is not reported.
 * The time runs from the call's start to its outcome (waiting for a connection and any retry of a
 * request never written included; the caller's own stages not).
 *
 * <p>Thread-safety: implementations must be thread-safe and fast, and must not block: they run on
 * the call's path, possibly on an I/O thread. An exception thrown is logged and ignored.
 */
@FunctionalInterface
public interface CallListener {

    /**
     * A call ended.
     *
     * @param serviceMethod the method called, as given ({@code "Arith.Multiply"})
     * @param nanos how long the call took, in nanoseconds
     * @param failure what the caller got instead of a reply, or {@code null} on success;
     *     {@link CallOutcome#of} classifies it
     */
    void callEnded(String serviceMethod, long nanos, Throwable failure);
}
