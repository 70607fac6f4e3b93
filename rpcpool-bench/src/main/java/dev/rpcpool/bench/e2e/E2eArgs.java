package dev.rpcpool.bench.e2e;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * The {@code --name value} options of the benchmark tools (end to end, and pool fairness), parsed
 * once and read by name.
 *
 * <p>Thread-safety: immutable after construction.
 *
 * @throws IllegalArgumentException (from the constructor and getters) for an unknown option, a
 *     missing value or a value of the wrong form; the message names the option
 */
public final class E2eArgs {
    private final Map<String, String> values = new HashMap<>();

    public E2eArgs(String[] args, Set<String> known) {
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (!known.contains(name)) {
                throw new IllegalArgumentException("unknown option " + name + " (known: " + known + ")");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            values.put(name, args[++i]);
        }
    }

    public String string(String name, String fallback) {
        return values.getOrDefault(name, fallback);
    }

    int integer(String name, int fallback) {
        String v = values.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a whole number, got " + v, e);
        }
    }

    /** A duration in Go's short form, as the other load generators take it: {@code 500ms}, {@code 5s}, {@code 1m}. */
    public Duration duration(String name, Duration fallback) {
        String v = values.get(name);
        if (v == null) {
            return fallback;
        }
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1)) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
            }
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " takes a duration such as 500ms, 5s or 1m, got " + v, e);
        }
        throw new IllegalArgumentException(name + " takes a duration such as 500ms, 5s or 1m, got " + v);
    }

    /** Parses {@code host:port}. */
    static InetSocketAddress hostPort(String addr) {
        int colon = addr.lastIndexOf(':');
        if (colon <= 0) {
            throw new IllegalArgumentException("address must be host:port, got " + addr);
        }
        try {
            return new InetSocketAddress(addr.substring(0, colon), Integer.parseInt(addr.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("address must be host:port, got " + addr, e);
        }
    }
}
