package dev.rpcpool.pool.modelcheck;

import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.modelcheck.InMemoryConnector.Conn;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The leases one holder (one of the history's threads) has acquired and not yet ended. Each holder's
 * steps run on one thread (a Lincheck non-parallel group), so "release" has a deterministic outcome
 * the sequential model can predict; a shared store would lag behind the pool between an acquire's
 * return and its bookkeeping, and report histories that the pool never made.
 */
final class HeldLeases {
    private final Deque<Lease<Conn>> leases = new ArrayDeque<>();

    void add(Lease<Conn> lease) {
        leases.push(lease);
    }

    /** The most recently acquired lease still held, or null. */
    Lease<Conn> take() {
        return leases.poll();
    }
}
