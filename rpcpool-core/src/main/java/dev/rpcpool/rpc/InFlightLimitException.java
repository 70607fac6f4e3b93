package dev.rpcpool.rpc;

import dev.rpcpool.RpcPoolException;

/**
 * A call was refused because its connection already carries
 * {@link RpcClientOptions.Builder#maxInFlight maxInFlight} calls. Nothing was sent; the
 * connection is fine. Use another connection, wait, or raise the limit.
 *
 * <p>Unchecked. Thread-safety: immutable.
 */
public final class InFlightLimitException extends RpcPoolException {
    private static final long serialVersionUID = 1L;

    public InFlightLimitException(String address, int maxInFlight) {
        super("connection to " + address + " already has " + maxInFlight
                + " calls in flight (maxInFlight); use another connection or raise the limit");
    }
}
