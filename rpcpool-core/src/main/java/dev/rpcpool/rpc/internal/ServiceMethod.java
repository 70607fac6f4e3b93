package dev.rpcpool.rpc.internal;

import java.lang.invoke.MethodHandle;
import java.lang.reflect.Type;

/**
 * One registered method, {@code "Service.Method"}, ready to invoke: its argument type (as the codec
 * decodes it), its declared reply type (as a typed codec encodes it) and a handle bound to the service object taking {@code Object} and returning
 * {@code Object}. Immutable. Internal.
 */
public record ServiceMethod(String serviceMethod, Type argType, Type replyType, Object zeroArg, MethodHandle invoker) {

    /** Runs the method on the calling thread; a {@code null} argument of a primitive type becomes zero, as in Go. */
    public Object invoke(Object arg) throws Throwable {
        return (Object) invoker.invokeExact(arg == null ? zeroArg : arg);
    }
}
