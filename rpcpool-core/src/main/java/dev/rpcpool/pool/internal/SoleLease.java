package dev.rpcpool.pool.internal;

/**
 * The one lease of an exclusive-mode entry, allocated right after its {@link Entry} and reused for
 * every hand-out. Its holder writes its state on every acquire and release, so 64 bytes of padding
 * follow its fields (a subclass's fields are laid out after its superclass's): whatever is
 * allocated next, such as the pool's entry array that every acquiring thread reads, never shares
 * its cache line. The entry's own padding ({@link CacheLinePadding}) guards the other side.
 *
 * <p>Thread-safety: as {@link PoolLease}.
 */
@SuppressWarnings("unused") // padding only
final class SoleLease<C> extends PoolLease<C> {
    private long pad1;
    private long pad2;
    private long pad3;
    private long pad4;
    private long pad5;
    private long pad6;
    private long pad7;
    private long pad8;

    SoleLease(PoolEngine<C> pool, Entry<C> entry) {
        super(pool, entry, null);
    }
}
