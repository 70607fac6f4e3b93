package dev.rpcpool.rpc.internal;

import dev.rpcpool.codec.ArgTypes;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Array;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The services of one server, Go's {@code rpc.Server} service map. Registration validates every
 * public method of the service object; lookups give Go's exact error texts. Thread-safe: register
 * and look up from any thread. Internal.
 */
public final class ServiceRegistry implements ArgTypes {
    private final Map<String, ServiceMethod> methods = new ConcurrentHashMap<>();
    private final Set<String> services = ConcurrentHashMap.newKeySet();

    /**
     * Publishes the public methods of {@code service} as {@code name.Method}.
     *
     * @throws IllegalArgumentException if the name is empty or taken, or a public method is unusable
     */
    public synchronized void register(String name, Object service) {
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("service name must not be empty");
        }
        if (service == null) {
            throw new IllegalArgumentException("service object for " + name + " must not be null");
        }
        if (services.contains(name)) {
            throw new IllegalArgumentException("rpc: service already defined: " + name);
        }
        Class<?> type = service.getClass();
        Map<String, ServiceMethod> found = new HashMap<>();
        for (Method m : type.getMethods()) {
            if (m.getDeclaringClass() == Object.class || Modifier.isStatic(m.getModifiers()) || m.isBridge() || m.isSynthetic()) {
                continue;
            }
            String exported = goName(m.getName());
            String where = type.getName() + "." + m.getName() + Arrays.stream(m.getParameterTypes())
                    .map(Class::getSimpleName).collect(Collectors.joining(", ", "(", ")"));
            if (m.getParameterCount() != 1 || m.getReturnType() == void.class) {
                throw new IllegalArgumentException("rpc.Register: method " + where + " of service " + name
                        + " is not usable: a service method must take exactly one argument and return the reply"
                        + " (make other public methods non-public or move them out of the service class)");
            }
            if (found.containsKey(name + "." + exported)) {
                throw new IllegalArgumentException("rpc.Register: method " + where + " of service " + name
                        + " clashes with another public method exported as " + name + "." + exported
                        + " (overloads are not supported)");
            }
            found.put(name + "." + exported, new ServiceMethod(name + "." + exported,
                    m.getGenericParameterTypes()[0], m.getGenericReturnType(), zeroValue(m.getParameterTypes()[0]), invoker(m, service, where)));
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException("rpc.Register: type " + type.getName()
                    + " has no public methods of suitable type (one argument, returns the reply)");
        }
        methods.putAll(found);
        services.add(name);
    }

    /** Go's exported name: the first letter capitalised ({@code multiply} → {@code Multiply}). */
    public static String goName(String javaName) {
        return javaName.substring(0, 1).toUpperCase(Locale.ROOT) + javaName.substring(1);
    }

    private static MethodHandle invoker(Method m, Object service, String where) {
        if (!m.trySetAccessible()) {
            throw new IllegalArgumentException("rpc.Register: method " + where + " is not accessible to rpcpool"
                    + " (make the class public or open its package)");
        }
        try {
            return MethodHandles.lookup().unreflect(m).bindTo(service)
                    .asType(MethodType.methodType(Object.class, Object.class));
        } catch (IllegalAccessException e) {
            throw new IllegalArgumentException("rpc.Register: method " + where + " is not accessible: " + e.getMessage(), e);
        }
    }

    private static Object zeroValue(Class<?> type) {
        return type.isPrimitive() ? Array.get(Array.newInstance(type, 1), 0) : null;
    }

    @Override
    public Type argType(String serviceMethod) {
        ServiceMethod m = methods.get(serviceMethod);
        return m == null ? null : m.argType();
    }

    /** The method, or {@code null} if there is none (then {@link #lookupError} says why). */
    public ServiceMethod find(String serviceMethod) {
        return methods.get(serviceMethod);
    }

    /** Go's error text for a {@code serviceMethod} that {@link #find} did not find. */
    public String lookupError(String serviceMethod) {
        int dot = serviceMethod.lastIndexOf('.');
        if (dot < 0) {
            return "rpc: service/method request ill-formed: " + serviceMethod;
        }
        if (!services.contains(serviceMethod.substring(0, dot))) {
            return "rpc: can't find service " + serviceMethod;
        }
        return "rpc: can't find method " + serviceMethod;
    }
}
