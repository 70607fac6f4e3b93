package dev.rpcpool.pool.modelcheck;

/** {@link PoolModel} starting with every connection open and idle, as {@link ClosingPoolOperations} does. */
public final class FilledPoolModel extends PoolModel {

    public FilledPoolModel() {
        super(PoolOperations.MAX_CONNECTIONS);
    }
}
