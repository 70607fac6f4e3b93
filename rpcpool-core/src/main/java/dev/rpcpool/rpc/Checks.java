package dev.rpcpool.rpc;

/** Argument checks of the option builders; messages name the field. */
final class Checks {
    /** The smallest message limit: room for any envelope. */
    static final int MIN_MESSAGE_BYTES = 64;

    private Checks() {}

    static int atLeast(String field, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(field + " must be >= " + min + ", was " + value);
        }
        return value;
    }

    static java.time.Duration positive(String field, java.time.Duration value) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(field + " must be positive, was " + value);
        }
        return value;
    }

    static <T> T notNull(String field, T value) {
        if (value == null) {
            throw new IllegalArgumentException(field + " must not be null");
        }
        return value;
    }

    static String httpPath(String path) {
        if (path != null && (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' '))) {
            throw new IllegalArgumentException("httpPath must start with '/' and contain no spaces, was " + path);
        }
        return path;
    }
}
