package dev.rpcpool.bench.pool;

/**
 * The pooled object: a stand-in for a connection that does no I/O, so the benchmark measures the
 * pool's own bookkeeping and nothing else. Immutable.
 */
public final class Conn {
    private final int id;

    /** Creates the object with the given id (its position in creation order). */
    public Conn(int id) {
        this.id = id;
    }

    /** The id given at creation. */
    public int id() {
        return id;
    }
}
