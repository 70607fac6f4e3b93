package dev.rpcpool.pool;

import java.time.Duration;
import java.util.Objects;

/**
 * The immutable configuration of a {@link ConnectionPool}, made by a {@link Builder} that checks
 * every value at {@link Builder#build()} and names the bad field and its allowed range. Durations of
 * zero switch a feature off where noted.
 *
 * <p>Thread-safety: immutable.
 */
public final class PoolConfig {

    public static final int DEFAULT_MAX_CONNECTIONS = 8;
    public static final int DEFAULT_MAX_LEASES_PER_CONNECTION = 1;
    public static final int DEFAULT_MIN_IDLE = 0;
    public static final int DEFAULT_MAX_WAITERS = Integer.MAX_VALUE;
    public static final Duration DEFAULT_ACQUIRE_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_VALIDATE_AFTER_IDLE = Duration.ZERO;
    public static final Duration DEFAULT_VALIDATION_TIMEOUT = Duration.ofSeconds(1);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final Duration DEFAULT_MAX_LIFETIME = Duration.ofMinutes(30);
    public static final Duration DEFAULT_BACKOFF_BASE = Duration.ofMillis(100);
    public static final Duration DEFAULT_BACKOFF_MAX = Duration.ofSeconds(5);
    public static final Duration DEFAULT_LEAK_DETECTION_THRESHOLD = Duration.ZERO;
    public static final Duration DEFAULT_MAINTENANCE_INTERVAL = Duration.ofSeconds(1);

    /** Upper bound of {@code maxConnections}. */
    public static final int MAX_CONNECTIONS_LIMIT = 100_000;
    /** Upper bound of {@code maxLeasesPerConnection}. */
    public static final int MAX_LEASES_LIMIT = 1_000_000;

    private final String name;
    private final int maxConnections;
    private final int maxLeasesPerConnection;
    private final int minIdle;
    private final int maxWaiters;
    private final Duration acquireTimeout;
    private final Duration connectTimeout;
    private final Duration validateAfterIdle;
    private final Duration validationTimeout;
    private final Duration idleTimeout;
    private final Duration maxLifetime;
    private final Duration backoffBase;
    private final Duration backoffMax;
    private final Duration leakDetectionThreshold;
    private final Duration maintenanceInterval;
    private final boolean prewarm;
    private final PoolClock clock;
    private final PoolListener listener;

    private PoolConfig(Builder b) {
        name = b.name;
        maxConnections = b.maxConnections;
        maxLeasesPerConnection = b.maxLeasesPerConnection;
        minIdle = b.minIdle;
        maxWaiters = b.maxWaiters;
        acquireTimeout = b.acquireTimeout;
        connectTimeout = b.connectTimeout;
        validateAfterIdle = b.validateAfterIdle;
        validationTimeout = b.validationTimeout;
        idleTimeout = b.idleTimeout;
        maxLifetime = b.maxLifetime;
        backoffBase = b.backoffBase;
        backoffMax = b.backoffMax;
        leakDetectionThreshold = b.leakDetectionThreshold;
        maintenanceInterval = b.maintenanceInterval;
        prewarm = b.prewarm;
        clock = b.clock;
        listener = b.listener;
    }

    /**
     * A builder with the defaults.
     *
     * @param name the pool's name, typically its target address ({@code "10.0.0.7:1234"}); it appears
     *     in every message and event
     */
    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A builder holding this configuration, to derive a changed copy. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** The pool's name (its target), used in every message. */
    public String name() { return name; }

    /** Cap on open plus opening connections. Default {@value #DEFAULT_MAX_CONNECTIONS}; range [1, 100000]. */
    public int maxConnections() { return maxConnections; }

    /**
     * How many leases one connection carries at once: 1 (default) is exclusive use; more shares
     * (multiplexes) a connection, handing out the least-loaded one. Range [1, 1000000].
     */
    public int maxLeasesPerConnection() { return maxLeasesPerConnection; }

    /** Idle connections the maintenance thread keeps open. Default 0; range [0, maxConnections]. */
    public int minIdle() { return minIdle; }

    /** Callers allowed to wait at once; beyond it acquire fails fast. Default unbounded; range [0, 2^31-1]. */
    public int maxWaiters() { return maxWaiters; }

    /** Timeout of {@link ConnectionPool#acquire()}. Default 5 s; must be &ge; 0. */
    public Duration acquireTimeout() { return acquireTimeout; }

    /** Longest connect, for background connects and as a cap for callers'. Default 10 s; must be &gt; 0. */
    public Duration connectTimeout() { return connectTimeout; }

    /**
     * A connection idle at least this long is validated ({@link Connector#validate}) before it is
     * handed out. Default 0 = never (set it when the connector implements {@code validate}).
     */
    public Duration validateAfterIdle() { return validateAfterIdle; }

    /** Timeout passed to {@link Connector#validate}. Default 1 s; must be &gt; 0. */
    public Duration validationTimeout() { return validationTimeout; }

    /** A connection with no lease for this long is closed (down to {@code minIdle}). Default 60 s; 0 = never. */
    public Duration idleTimeout() { return idleTimeout; }

    /**
     * A connection is retired after this age, minus a random jitter of up to 10% so that connections
     * opened together do not expire together. Default 30 min; 0 = unlimited.
     */
    public Duration maxLifetime() { return maxLifetime; }

    /** First connect back-off delay after a failure; doubles per failure. Default 100 ms; must be &gt; 0. */
    public Duration backoffBase() { return backoffBase; }

    /** Cap of the connect back-off delay. Default 5 s; must be &ge; backoffBase. */
    public Duration backoffMax() { return backoffMax; }

    /** Warn (SLF4J) when a lease is held longer than this. Default 0 = off. */
    public Duration leakDetectionThreshold() { return leakDetectionThreshold; }

    /**
     * How often the maintenance thread runs (eviction, lifetime, minIdle, leak detection). Default 1 s;
     * 0 = no background thread (call {@link ConnectionPool#runMaintenance()} yourself).
     */
    public Duration maintenanceInterval() { return maintenanceInterval; }

    /** Open {@code minIdle} connections in the background at creation; see {@link ConnectionPool#ready()}. Default false. */
    public boolean prewarm() { return prewarm; }

    /** The clock for all pool time. Default {@link PoolClock#SYSTEM}. */
    public PoolClock clock() { return clock; }

    /** The event listener. Default {@link PoolListener#NOOP}. */
    public PoolListener listener() { return listener; }

    @Override
    public String toString() {
        return "PoolConfig{name=" + name + ", maxConnections=" + maxConnections + ", maxLeasesPerConnection="
                + maxLeasesPerConnection + ", minIdle=" + minIdle + ", maxWaiters=" + maxWaiters
                + ", acquireTimeout=" + acquireTimeout + ", connectTimeout=" + connectTimeout
                + ", validateAfterIdle=" + validateAfterIdle + ", validationTimeout=" + validationTimeout
                + ", idleTimeout=" + idleTimeout + ", maxLifetime=" + maxLifetime + ", backoffBase=" + backoffBase
                + ", backoffMax=" + backoffMax + ", leakDetectionThreshold=" + leakDetectionThreshold
                + ", maintenanceInterval=" + maintenanceInterval + ", prewarm=" + prewarm + "}";
    }

    /**
     * Builds a {@link PoolConfig}. Setters reject {@code null} at once; ranges are checked by
     * {@link #build()}, which throws {@link IllegalArgumentException} naming the field.
     *
     * <p>Thread-safety: not thread-safe; use from one thread.
     */
    public static final class Builder {
        private final String name;
        private int maxConnections = DEFAULT_MAX_CONNECTIONS;
        private int maxLeasesPerConnection = DEFAULT_MAX_LEASES_PER_CONNECTION;
        private int minIdle = DEFAULT_MIN_IDLE;
        private int maxWaiters = DEFAULT_MAX_WAITERS;
        private Duration acquireTimeout = DEFAULT_ACQUIRE_TIMEOUT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration validateAfterIdle = DEFAULT_VALIDATE_AFTER_IDLE;
        private Duration validationTimeout = DEFAULT_VALIDATION_TIMEOUT;
        private Duration idleTimeout = DEFAULT_IDLE_TIMEOUT;
        private Duration maxLifetime = DEFAULT_MAX_LIFETIME;
        private Duration backoffBase = DEFAULT_BACKOFF_BASE;
        private Duration backoffMax = DEFAULT_BACKOFF_MAX;
        private Duration leakDetectionThreshold = DEFAULT_LEAK_DETECTION_THRESHOLD;
        private Duration maintenanceInterval = DEFAULT_MAINTENANCE_INTERVAL;
        private boolean prewarm;
        private PoolClock clock = PoolClock.SYSTEM;
        private PoolListener listener = PoolListener.NOOP;

        private Builder(String name) {
            Objects.requireNonNull(name, "name");
            if (name.isBlank()) {
                throw new IllegalArgumentException("name must not be blank; use the pool's target, e.g. \"host:port\"");
            }
            this.name = name;
        }

        private Builder(PoolConfig c) {
            name = c.name;
            maxConnections = c.maxConnections;
            maxLeasesPerConnection = c.maxLeasesPerConnection;
            minIdle = c.minIdle;
            maxWaiters = c.maxWaiters;
            acquireTimeout = c.acquireTimeout;
            connectTimeout = c.connectTimeout;
            validateAfterIdle = c.validateAfterIdle;
            validationTimeout = c.validationTimeout;
            idleTimeout = c.idleTimeout;
            maxLifetime = c.maxLifetime;
            backoffBase = c.backoffBase;
            backoffMax = c.backoffMax;
            leakDetectionThreshold = c.leakDetectionThreshold;
            maintenanceInterval = c.maintenanceInterval;
            prewarm = c.prewarm;
            clock = c.clock;
            listener = c.listener;
        }

        public Builder maxConnections(int v) { maxConnections = v; return this; }
        public Builder maxLeasesPerConnection(int v) { maxLeasesPerConnection = v; return this; }
        public Builder minIdle(int v) { minIdle = v; return this; }
        public Builder maxWaiters(int v) { maxWaiters = v; return this; }
        public Builder acquireTimeout(Duration v) { acquireTimeout = Objects.requireNonNull(v, "acquireTimeout"); return this; }
        public Builder connectTimeout(Duration v) { connectTimeout = Objects.requireNonNull(v, "connectTimeout"); return this; }
        public Builder validateAfterIdle(Duration v) { validateAfterIdle = Objects.requireNonNull(v, "validateAfterIdle"); return this; }
        public Builder validationTimeout(Duration v) { validationTimeout = Objects.requireNonNull(v, "validationTimeout"); return this; }
        public Builder idleTimeout(Duration v) { idleTimeout = Objects.requireNonNull(v, "idleTimeout"); return this; }
        public Builder maxLifetime(Duration v) { maxLifetime = Objects.requireNonNull(v, "maxLifetime"); return this; }
        public Builder backoffBase(Duration v) { backoffBase = Objects.requireNonNull(v, "backoffBase"); return this; }
        public Builder backoffMax(Duration v) { backoffMax = Objects.requireNonNull(v, "backoffMax"); return this; }
        public Builder leakDetectionThreshold(Duration v) { leakDetectionThreshold = Objects.requireNonNull(v, "leakDetectionThreshold"); return this; }
        public Builder maintenanceInterval(Duration v) { maintenanceInterval = Objects.requireNonNull(v, "maintenanceInterval"); return this; }
        public Builder prewarm(boolean v) { prewarm = v; return this; }
        public Builder clock(PoolClock v) { clock = Objects.requireNonNull(v, "clock"); return this; }
        public Builder listener(PoolListener v) { listener = Objects.requireNonNull(v, "listener"); return this; }

        /**
         * Checks every value and builds the configuration.
         *
         * @throws IllegalArgumentException naming the first bad field and its allowed range
         */
        public PoolConfig build() {
            checkRange("maxConnections", maxConnections, 1, MAX_CONNECTIONS_LIMIT);
            checkRange("maxLeasesPerConnection", maxLeasesPerConnection, 1, MAX_LEASES_LIMIT);
            checkRange("minIdle", minIdle, 0, maxConnections);
            checkRange("maxWaiters", maxWaiters, 0, Integer.MAX_VALUE);
            checkNotNegative("acquireTimeout", acquireTimeout);
            checkPositive("connectTimeout", connectTimeout);
            checkNotNegative("validateAfterIdle", validateAfterIdle);
            checkPositive("validationTimeout", validationTimeout);
            checkNotNegative("idleTimeout", idleTimeout);
            checkNotNegative("maxLifetime", maxLifetime);
            checkPositive("backoffBase", backoffBase);
            if (backoffMax.compareTo(backoffBase) < 0) {
                throw new IllegalArgumentException("backoffMax must be >= backoffBase (" + backoffBase + ") but was " + backoffMax);
            }
            checkNotNegative("leakDetectionThreshold", leakDetectionThreshold);
            checkNotNegative("maintenanceInterval", maintenanceInterval);
            return new PoolConfig(this);
        }

        private static void checkRange(String field, int value, int min, int max) {
            if (value < min || value > max) {
                throw new IllegalArgumentException(field + " must be in [" + min + ", " + max + "] but was " + value);
            }
        }

        private static void checkNotNegative(String field, Duration value) {
            if (value.isNegative()) {
                throw new IllegalArgumentException(field + " must be >= 0 (0 where allowed switches it off) but was " + value);
            }
        }

        private static void checkPositive(String field, Duration value) {
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(field + " must be > 0 but was " + value);
            }
        }
    }
}
