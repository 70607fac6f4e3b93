package dev.rpcpool.rpc;

/**
 * Hears how every request an {@link RpcServer} answered ended and how long it took, for metrics
 * (see {@code dev.rpcpool.micrometer.RpcServerMetrics}) or logging. Set with
 * {@link RpcServerOptions.Builder#requestListener}; without one the server reads no clock for it.
 *
 * <p>Called once per request answered, on the connection's I/O thread, after the reply was
 * written to the connection: the time runs from the request being decoded to its reply being
 * queued for the socket (the method's run and any wait for a worker thread included). Requests a
 * closing connection never answers are not reported.
 *
 * <p>Thread-safety: implementations must be thread-safe, fast and non-blocking: they run on an I/O
 * thread that serves other connections. An exception thrown is logged and ignored.
 */
@FunctionalInterface
public interface RequestListener {

    /**
     * A request was answered.
     *
     * @param serviceMethod the {@code "Service.Method"} the client asked for, as it sent it
     * @param registered whether that names a registered method: an unregistered name comes from the
     *     client alone, so a metric should not use it as a tag
     * @param nanos from the request decoded to its reply written, in nanoseconds
     * @param error the error text the client received (the method's exception message, Go's
     *     {@code rpc: can't find method ...}, an argument or reply that could not be decoded or
     *     encoded), or {@code null} when the method's reply was sent
     */
    void requestEnded(String serviceMethod, boolean registered, long nanos, String error);
}
