package dev.rpcpool.pool.internal;

/**
 * 64 bytes laid out ahead of an {@link Entry}'s own fields (a superclass's fields come first), so
 * that its lease count, written on every acquire and release by the thread that holds it, never
 * shares a cache line with the fields of the object allocated just before it, which another thread
 * may be claiming: a pool opens its connections one after another, so their entries sit side by
 * side in memory. {@link SoleLease} guards the other side. The leading int fills the gap after the
 * object header, where a subclass's int could otherwise be placed.
 *
 * <p>Measured (JMH {@code PoolCycleBenchmark.threads2}, 2026-11-30): 4 connections 46 to 37 ns per
 * cycle, 16 connections 39 to 29 ns (medians, load 6-8).
 */
@SuppressWarnings("unused") // padding only
abstract class CacheLinePadding {
    private int pad0;
    private long pad1;
    private long pad2;
    private long pad3;
    private long pad4;
    private long pad5;
    private long pad6;
    private long pad7;
    private long pad8;
}
