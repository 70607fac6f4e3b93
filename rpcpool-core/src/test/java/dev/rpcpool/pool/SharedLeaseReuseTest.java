package dev.rpcpool.pool;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rpcpool.pool.TestConnector.Conn;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Shared mode reuses lease objects (a released one is parked for the thread that acquired it) so
 * that a warm acquire allocates nothing. These tests pin what that must not change: two live
 * leases are never one object, an ended lease still refuses use while parked, and a parked lease
 * keeps neither its pool nor its connection reachable.
 */
class SharedLeaseReuseTest extends PoolTestSupport {
    private ConnectionPool<Conn> shared(int max, int k) {
        return pool(Pools.manual("reuse").maxConnections(max).maxLeasesPerConnection(k));
    }

    @Test
    void aReleasedSharedLeaseIsReusedByTheThreadThatAcquiredIt() {
        shared(1, 4);
        Lease<Conn> first = pool.acquire();
        first.release();
        Lease<Conn> second = pool.acquire();
        assertThat(second).isSameAs(first);
        assertThat(second.connection()).isSameAs(connector.made.get(0));
        second.release();
        assertThat(pool.stats().leased()).isZero();
    }

    @Test
    void liveLeasesAreNeverTheSameObject() {
        shared(2, 8);
        Map<Lease<Conn>, Boolean> live = new IdentityHashMap<>();
        for (int round = 0; round < 50; round++) {
            List<Lease<Conn>> held = new ArrayList<>();
            for (int i = 0; i < 1 + round % 16; i++) {
                Lease<Conn> l = pool.acquire();
                assertThat(live.put(l, Boolean.TRUE)).as("round %d: a live lease handed out again", round).isNull();
                held.add(l);
            }
            for (Lease<Conn> l : held) {
                live.remove(l);
                l.release();
            }
        }
        assertThat(pool.stats().leased()).isZero();
    }

    @Test
    void aLeaseReleasedOnAnotherThreadIsParkedForTheAcquiringThread() throws Exception {
        shared(1, 4);
        Lease<Conn> first = pool.acquire();
        CompletableFuture.runAsync(first::release).get(10, TimeUnit.SECONDS);
        assertThat(pool.acquire()).isSameAs(first);
    }

    @Test
    void anEndedLeaseStillRefusesUseWhileParked() {
        shared(1, 4);
        Lease<Conn> lease = pool.acquire();
        long id = lease.connectionId();
        lease.release();
        assertThatThrownBy(lease::release).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("connection #" + id).hasMessageContaining("'reuse'").hasMessageContaining("already released");
        assertThatThrownBy(lease::connection).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("has ended");
        assertThat(lease.connectionId()).isEqualTo(id);
        assertThat(pool.stats().leased()).isZero(); // the refused release took no count
    }

    @Test
    void withLeakDetectionEveryLeaseIsANewObject() {
        pool(Pools.manual("watched").maxConnections(1).maxLeasesPerConnection(4).leakDetectionThreshold(Duration.ofMinutes(1)));
        Lease<Conn> first = pool.acquire();
        first.release();
        Lease<Conn> second = pool.acquire();
        assertThat(second).isNotSameAs(first);
        second.release();
        assertThatThrownBy(first::release).isInstanceOf(IllegalStateException.class);
    }

    /**
     * The spare sits in a ThreadLocal value of the pool: if it referenced the pool, the pool (the
     * ThreadLocal's key holder) could never be collected while the thread lives. Fails if a parked
     * lease keeps its pool or entry.
     */
    @Test
    void aParkedLeaseKeepsNeitherItsPoolNorItsConnectionReachable() throws Exception {
        ExecutorService longLived = Executors.newSingleThreadExecutor();
        try {
            AtomicReference<WeakReference<Object>> poolRef = new AtomicReference<>();
            AtomicReference<WeakReference<Object>> connRef = new AtomicReference<>();
            longLived.submit(() -> {
                TestConnector own = new TestConnector();
                ConnectionPool<Conn> p = ConnectionPool.create(own,
                        Pools.manual("collectable").maxConnections(1).maxLeasesPerConnection(4).build());
                Lease<Conn> l = p.acquire();
                connRef.set(new WeakReference<>(l.connection()));
                l.release(); // parked in this thread's hint for p
                p.close();
                poolRef.set(new WeakReference<>(p));
            }).get(10, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while ((poolRef.get().get() != null || connRef.get().get() != null) && System.nanoTime() < deadline) {
                System.gc();
                Thread.sleep(20);
            }
            assertThat(connRef.get().get()).as("connection reachable after its pool closed").isNull();
            assertThat(poolRef.get().get()).as("closed pool reachable from a live thread").isNull();
        } finally {
            longLived.shutdownNow();
        }
    }

    /** Many threads acquiring and releasing across threads: reuse never lets two holders share a lease object. */
    @Test
    void crossThreadReleasesUnderContentionNeverShareALeaseObject() throws Exception {
        shared(2, 64);
        int threads = 8;
        int perThread = 20_000;
        Map<Lease<Conn>, Thread> live = java.util.Collections.synchronizedMap(new IdentityHashMap<>());
        ExecutorService releasers = Executors.newFixedThreadPool(2);
        ExecutorService callers = Executors.newFixedThreadPool(threads);
        List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch done = new CountDownLatch(threads);
        try {
            for (int t = 0; t < threads; t++) {
                callers.execute(() -> {
                    try {
                        for (int i = 0; i < perThread && errors.isEmpty(); i++) {
                            Lease<Conn> l = pool.acquire(Duration.ofSeconds(10));
                            Thread prev = live.putIfAbsent(l, Thread.currentThread());
                            if (prev != null) {
                                errors.add(l + " handed to " + Thread.currentThread().getName() + " while " + prev.getName() + " held it");
                            }
                            Runnable end = () -> {
                                live.remove(l);
                                l.release();
                            };
                            if ((i & 1) == 0) {
                                end.run();
                            } else {
                                releasers.submit(end).get();
                            }
                        }
                    } catch (Throwable e) {
                        errors.add(e.toString());
                    } finally {
                        done.countDown();
                    }
                });
            }
            assertThat(done.await(120, TimeUnit.SECONDS)).isTrue();
        } finally {
            callers.shutdownNow();
            releasers.shutdownNow();
        }
        assertThat(errors).isEmpty();
        assertThat(pool.stats().leased()).isZero();
    }
}
