package dev.rpcpool.bench.pool;

import java.util.Arrays;

/**
 * The pools compared, by the name used in the benchmark's {@code pool} parameter and in the
 * result tables. Adding a contender means adding a constant here and its name to
 * {@link PoolCycleBenchmark#pool}'s {@code @Param} list (a test checks the two agree).
 */
public enum Contender {
    /** rpcpool's {@code ConnectionPool}, one lease per connection (exclusive mode). */
    RPCPOOL_EXCLUSIVE("rpcpool") {
        @Override
        public PoolDriver open(int size) throws Exception {
            return new RpcpoolDriver(size, 1);
        }
    },
    /** rpcpool's {@code ConnectionPool}, many leases per connection (shared mode). */
    RPCPOOL_SHARED("rpcpool-shared") {
        @Override
        public PoolDriver open(int size) throws Exception {
            return new RpcpoolDriver(size, RpcpoolDriver.SHARED_LEASES_PER_CONNECTION);
        }
    },
    /** Apache Commons Pool 2 {@code GenericObjectPool}: the pool most Java code already uses. */
    COMMONS_POOL2("commons-pool2") {
        @Override
        public PoolDriver open(int size) throws Exception {
            return new CommonsPool2Driver(size);
        }
    },
    /** Stormpot's default pool. */
    STORMPOT("stormpot") {
        @Override
        public PoolDriver open(int size) throws Exception {
            return new StormpotDriver(size);
        }
    },
    /** HikariCP's {@code ConcurrentBag}, used directly. */
    HIKARI_BAG("hikari-bag") {
        @Override
        public PoolDriver open(int size) {
            return new HikariBagDriver(size);
        }
    },
    /** The tutorial's buffered-channel pool on an {@code ArrayBlockingQueue}. */
    BLOCKING_QUEUE("abq") {
        @Override
        public PoolDriver open(int size) throws Exception {
            return new BlockingQueueDriver(size);
        }
    };

    private final String paramName;

    Contender(String paramName) {
        this.paramName = paramName;
    }

    /** The name used in {@code -p pool=...} and in the result tables. */
    public String paramName() {
        return paramName;
    }

    /** Creates this contender's pool holding {@code size} objects, all created before it returns. */
    public abstract PoolDriver open(int size) throws Exception;

    /** The contender with this {@link #paramName()}. */
    public static Contender byParamName(String name) {
        return Arrays.stream(values())
                .filter(c -> c.paramName.equals(name))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown pool contender: " + name + " (known: "
                        + String.join(", ", Arrays.stream(values()).map(Contender::paramName).toList()) + ")"));
    }
}
