package dev.rpcpool.rpc.internal;

import dev.rpcpool.rpc.RpcClient;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.function.BiConsumer;

/**
 * Calls on an {@link RpcClient} that end at a deadline the caller already holds, for
 * {@code RpcClientPool}: one deadline covers waiting for a connection and the call itself, and a
 * timeout error names the caller's timeout rather than what was left of it when the request went
 * out. {@code RpcClient} installs the one implementation when its class initializes (the JDK's
 * "shared secrets" idiom), so the pool reaches it without a public method that takes
 * {@link System#nanoTime()} deadlines. Internal.
 *
 * <p>Thread-safety: thread-safe; the implementation is installed once and never replaced.
 */
public abstract class DeadlineCalls {
    private static volatile DeadlineCalls installed;

    /**
     * Installs the implementation; called by {@code RpcClient}'s static initializer only.
     *
     * @throws IllegalStateException if one is installed already
     */
    public static void install(DeadlineCalls calls) {
        if (installed != null) {
            throw new IllegalStateException("DeadlineCalls is installed by RpcClient, once");
        }
        installed = calls;
    }

    /** The implementation, initializing {@code RpcClient} first if no client was made yet. */
    public static DeadlineCalls get() {
        DeadlineCalls calls = installed;
        if (calls == null) {
            try {
                Class.forName(RpcClient.class.getName(), true, RpcClient.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new AssertionError(e);
            }
            calls = installed;
        }
        return calls;
    }

    /**
     * As {@code client.call(serviceMethod, args, replyType, timeout)}, timing out at
     * {@code deadlineNanos} instead of {@code timeout} from now.
     */
    public abstract <T> T call(RpcClient client, String serviceMethod, Object args, Type replyType, Duration timeout,
            long deadlineNanos);

    /**
     * As {@code client.callAsync(serviceMethod, args, replyType, timeout, callback)}, timing out at
     * {@code deadlineNanos} instead of {@code timeout} from now.
     */
    public abstract void callAsync(RpcClient client, String serviceMethod, Object args, Type replyType,
            Duration timeout, long deadlineNanos, BiConsumer<Object, Throwable> callback);
}
