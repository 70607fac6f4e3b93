package dev.rpcpool;

import dev.rpcpool.codec.CodecException;
import dev.rpcpool.pool.PoolClosedException;
import dev.rpcpool.pool.PoolConnectException;
import dev.rpcpool.pool.PoolExhaustedException;
import dev.rpcpool.pool.PoolInterruptedException;
import dev.rpcpool.pool.PoolTimeoutException;
import dev.rpcpool.rpc.CallInterruptedException;
import dev.rpcpool.rpc.CallTimeoutException;
import dev.rpcpool.rpc.ServerErrorException;
import dev.rpcpool.rpc.TransportException;
import java.util.Locale;

/**
 * How a call ended, in the terms a dashboard wants: one value per kind of failure that
 * {@link RpcClientPool} documents. Immutable.
 */
public enum CallOutcome {
    /** The reply arrived. */
    OK,
    /** The remote method returned an error ({@link ServerErrorException}); the server is fine. */
    SERVER_ERROR,
    /** No reply within the call's timeout ({@link CallTimeoutException}). */
    TIMEOUT,
    /** No connection within the call's timeout ({@link PoolTimeoutException}, {@link PoolExhaustedException}). */
    POOL_TIMEOUT,
    /** No connection could be opened ({@link PoolConnectException}, including back-off). */
    CONNECT_FAILED,
    /** The connection failed or was closed under the call ({@link TransportException}). */
    TRANSPORT,
    /** The arguments or the reply did not fit the wire format ({@link CodecException}). */
    CODEC,
    /** The pool was closed ({@link PoolClosedException}). */
    POOL_CLOSED,
    /** The calling thread was interrupted while it waited ({@link PoolInterruptedException}, {@link CallInterruptedException}). */
    INTERRUPTED,
    /** Anything else (a bug, most likely). */
    OTHER;

    private final String tag = name().toLowerCase(Locale.ROOT);

    /** The outcome of a call that failed with {@code failure}; {@link #OK} for {@code null}. */
    public static CallOutcome of(Throwable failure) {
        if (failure == null) {
            return OK;
        } else if (failure instanceof ServerErrorException) {
            return SERVER_ERROR;
        } else if (failure instanceof CallTimeoutException) {
            return TIMEOUT;
        } else if (failure instanceof PoolTimeoutException || failure instanceof PoolExhaustedException) {
            return POOL_TIMEOUT;
        } else if (failure instanceof PoolConnectException) {
            return CONNECT_FAILED;
        } else if (failure instanceof TransportException) {
            return TRANSPORT;
        } else if (failure instanceof CodecException) {
            return CODEC;
        } else if (failure instanceof PoolClosedException) {
            return POOL_CLOSED;
        } else if (failure instanceof PoolInterruptedException || failure instanceof CallInterruptedException) {
            return INTERRUPTED;
        }
        return OTHER;
    }

    /** The lower-case name, as a metric tag: {@code "server_error"}. */
    public String tag() {
        return tag;
    }
}
