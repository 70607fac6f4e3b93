package dev.rpcpool.pool.modelcheck;

/** The operations of {@link ConnectionPoolOperations} on {@link DoubleHandOutPool}: proof that the check can fail. */
public final class DoubleHandOutOperations extends ConnectionPoolOperations {

    public DoubleHandOutOperations() {
        super(DoubleHandOutPool::new);
    }
}
