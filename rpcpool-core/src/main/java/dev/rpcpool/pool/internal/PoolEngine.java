package dev.rpcpool.pool.internal;

import dev.rpcpool.concurrent.internal.VirtualThreads;
import dev.rpcpool.pool.AsyncConnector;
import dev.rpcpool.pool.CloseReason;
import dev.rpcpool.pool.ConnectionInfo;
import dev.rpcpool.pool.ConnectionPool;
import dev.rpcpool.pool.Connector;
import dev.rpcpool.pool.Lease;
import dev.rpcpool.pool.PoolBackoffException;
import dev.rpcpool.pool.PoolClock;
import dev.rpcpool.pool.PoolClosedException;
import dev.rpcpool.pool.PoolConfig;
import dev.rpcpool.pool.PoolConnectException;
import dev.rpcpool.pool.PoolExhaustedException;
import dev.rpcpool.pool.PoolInterruptedException;
import dev.rpcpool.pool.PoolListener;
import dev.rpcpool.pool.PoolStats;
import dev.rpcpool.pool.PoolTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pool engine behind {@link ConnectionPool}.
 *
 * <p><b>Fast path</b> (an idle or, when shared, a non-full connection exists and nobody waits): first
 * the entry this thread claimed last, if idle (a thread-local index: threads that each return to
 * their own connection never CAS the same word); else scan the copy-on-write {@code entries} array
 * for the least-loaded usable entry (most recently released first among equals, so hot connections
 * stay hot and cold ones age out) and CAS its lease count. No lock, no allocation in exclusive mode;
 * a lost CAS rescans a bounded number of times and then falls to the slow path rather than spinning.
 *
 * <p><b>Slow path</b> (under {@code lock}): claim, or reserve capacity to connect, or join the FIFO
 * queue. While anyone waits, new callers skip the fast path, and every capacity change runs
 * {@link #dispatchLocked} which hands entries or connect permits to waiters in arrival order, so a
 * thread that just released cannot barge ahead of them.
 *
 * <p><b>Lock rules</b>: the lock guards the waiter queue, {@code allocated}/{@code connecting}, the
 * back-off and the entry array's mutation. Connector and listener calls are never made while holding
 * it. Lease counts are never changed only under it: they are CAS words shared with the fast path, and
 * every decision made from them is re-checked by a CAS.
 *
 * <p><b>Capacity</b>: {@code allocated} counts open plus opening connections; it is raised before a
 * connect and lowered only after the connection was closed (or the connect failed), so the connector
 * never sees more than {@code maxConnections} live connections.
 *
 * <p>Thread-safety: thread-safe.
 */
public final class PoolEngine<C> {
    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    /** Bounded rescans after a lost CAS before taking the slow path; never an unbounded spin. */
    private static final int CLAIM_ATTEMPTS = 3;
    /** How long a waiter polls for its grant before parking (see {@link #pollForGrant}); 0: never. */
    private static final long WAIT_POLL_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Long.getLong("rpcpool.pool.waitPollMicros", 20));
    /**
     * Bounds the polls too, whatever the clock does: under a model checker the clock may stand still,
     * and Lincheck takes a loop of 50 iterations for a hang.
     */
    private static final int MAX_WAIT_POLLS = 32;
    /** After a poll that found nothing, this many waits park at once, then one polls again. */
    private static final int POLL_SKIPS_AFTER_MISS = 63;
    /** The first polls pause the CPU for a few cycles instead of yielding to the scheduler. */
    private static final int WAIT_SPINS = 16;
    /** Waiters polling at once, at most: half the cores, at least one. */
    private static final int MAX_POLLING_WAITERS = Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    /** Lifetimes are shortened by a random amount up to this fraction, so peers do not expire together. */
    private static final double LIFETIME_JITTER_FRACTION = 0.10;

    private enum Decision { CREATE, BACKOFF, WAIT_COVERED, WAIT_FULL }

    private final String name;
    private final PoolConfig config;
    private final Connector<C> connector;
    private final PoolClock clock;
    private final PoolListener listener;
    private final int maxConnections;
    private final int maxLeases;
    private final boolean exclusive;
    private final int maxWaiters;
    private final int minIdle;
    private final long validateAfterIdleNanos;
    private final Duration validationTimeout;
    private final long idleTimeoutNanos;
    private final long maxLifetimeNanos;
    private final long connectTimeoutNanos;
    private final long leakThresholdNanos;
    /** The fast path reads the clock only when lifetime or idle validation need it. */
    private final boolean clockOnAcquire;
    /**
     * Release stamps {@code lastUsed} only when idle eviction, idle validation or lifetimes need it:
     * on a virtualised clock source a clock read costs more than the rest of the cycle together.
     */
    private final boolean stampReleases;

    /** Per thread: where in {@code entries} its last fast-path claim was (see {@link #claimHinted}). */
    private final ThreadLocal<ClaimHint> claimHints = ThreadLocal.withInitial(ClaimHint::new);
    private final ReentrantLock lock = new ReentrantLock();
    private final WaitQueue<C> waiters = new WaitQueue<>();
    private final Backoff backoff;
    private volatile Entry<C>[] entries;
    /** Written under the lock, read without it. */
    private volatile int waiterCount;
    private volatile int allocated;
    private volatile int connecting;
    private volatile boolean closed;
    private long nextId = 1;

    private final AtomicInteger pollingWaiters = new AtomicInteger();
    /** Waits that park at once because a recent poll found nothing (see {@link #pollForGrant}). */
    volatile int pollSkips; // package-private: tests read it
    private final AtomicLong createdCount = new AtomicLong();
    private final AtomicLong closedCount = new AtomicLong();
    private final AtomicLong timedOutCount = new AtomicLong();
    private final AtomicLong connectFailureCount = new AtomicLong();
    private final AtomicLong waitedCount = new AtomicLong();
    private final AtomicLong waitNanos = new AtomicLong();
    /** Leases being watched for leaks; null when leak detection is off. */
    private final Set<PoolLease<C>> watched;

    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final ScheduledExecutorService scheduler;

    @SuppressWarnings("unchecked")
    public PoolEngine(Connector<C> connector, PoolConfig config) {
        this.connector = connector;
        this.config = config;
        this.name = config.name();
        this.clock = config.clock();
        this.listener = config.listener();
        this.maxConnections = config.maxConnections();
        this.maxLeases = config.maxLeasesPerConnection();
        this.exclusive = maxLeases == 1;
        this.maxWaiters = config.maxWaiters();
        this.minIdle = config.minIdle();
        this.validateAfterIdleNanos = nanos(config.validateAfterIdle());
        this.validationTimeout = config.validationTimeout();
        this.idleTimeoutNanos = nanos(config.idleTimeout());
        this.maxLifetimeNanos = nanos(config.maxLifetime());
        this.connectTimeoutNanos = nanos(config.connectTimeout());
        this.leakThresholdNanos = nanos(config.leakDetectionThreshold());
        this.clockOnAcquire = maxLifetimeNanos > 0 || validateAfterIdleNanos > 0;
        this.stampReleases = clockOnAcquire || idleTimeoutNanos > 0;
        this.backoff = new Backoff(nanos(config.backoffBase()), nanos(config.backoffMax()));
        this.entries = (Entry<C>[]) new Entry<?>[0];
        this.watched = leakThresholdNanos > 0 ? ConcurrentHashMap.newKeySet() : null;

        long intervalNanos = nanos(config.maintenanceInterval());
        boolean prewarm = config.prewarm() && minIdle > 0;
        if (intervalNanos > 0 || prewarm) {
            ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "rpcpool-maintenance-" + name);
                t.setDaemon(true);
                return t;
            });
            s.setRemoveOnCancelPolicy(true);
            s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            scheduler = s;
            if (prewarm) {
                s.execute(this::prewarm);
            }
            if (intervalNanos > 0) {
                s.scheduleWithFixedDelay(this::maintenanceTick, intervalNanos, intervalNanos, TimeUnit.NANOSECONDS);
            }
        } else {
            scheduler = null;
        }
        if (!prewarm) {
            ready.complete(null);
        }
    }

    public String name() {
        return name;
    }

    public PoolConfig config() {
        return config;
    }

    public boolean isClosed() {
        return closed;
    }

    public CompletableFuture<Void> ready() {
        return ready.copy();
    }

    public CompletableFuture<Void> terminated() {
        return terminated.copy();
    }

    // ---------------------------------------------------------------- acquire

    public Lease<C> acquire(long timeoutNanos) {
        if (timeoutNanos < 0) {
            throw new IllegalArgumentException("timeout must be >= 0 but was " + timeoutNanos + " ns");
        }
        long start = 0;
        boolean started = false;
        for (;;) {
            if (closed) {
                throw new PoolClosedException(name);
            }
            if (waiterCount == 0) { // nobody queued: trying first cannot overtake a waiter
                PoolLease<C> lease = tryAcquireFast();
                if (lease != null) {
                    return lease;
                }
            }
            if (!started) {
                start = clock.nanoTime();
                started = true;
            }
            PoolLease<C> lease = acquireSlow(start, timeoutNanos);
            if (lease != null) {
                return lease;
            }
            // the entry we got failed its checks and was closed: try again within the same deadline
        }
    }

    /**
     * A lease on a connection usable right now, or null: never waits, never opens a connection and
     * never validates one (an entry due for validation is put back for {@link #acquire}). Returns
     * null while callers are queued, so it never overtakes them.
     */
    public Lease<C> tryAcquire() {
        if (closed) {
            throw new PoolClosedException(name);
        }
        if (waiterCount != 0) {
            return null;
        }
        ClaimHint hint = claimHints.get();
        long now = clockOnAcquire ? clock.nanoTime() : 0L;
        for (int i = 0; i < CLAIM_ATTEMPTS; i++) {
            Entry<C> e = i == 0 ? claimHinted(hint, now) : null;
            if (e == null) {
                e = claimBest(now, hint);
            }
            if (e == null) {
                return null;
            }
            if (e.state() == Entry.RESERVED) {
                unreserve(e); // validation may block on I/O: leave it to acquire()
                return null;
            }
            PoolLease<C> lease = activate(e, hint);
            if (lease != null) {
                return lease;
            }
        }
        return null;
    }

    /** Puts back an entry this thread reserved for validation without validating it. */
    private void unreserve(Entry<C> e) {
        if (e.cas(Entry.RESERVED, 0)) {
            afterIdle(e); // as a release: a waiter may have queued, or the pool closed, meanwhile
        }
    }

    private PoolLease<C> tryAcquireFast() {
        ClaimHint hint = claimHints.get();
        long now = clockOnAcquire ? clock.nanoTime() : 0L;
        Entry<C> e = claimHinted(hint, now);
        if (e != null) {
            PoolLease<C> lease = activate(e, hint);
            if (lease != null) {
                return lease;
            }
        }
        for (int i = 0; i < CLAIM_ATTEMPTS; i++) {
            e = claimBest(i == 0 ? now : clockOnAcquire ? clock.nanoTime() : 0L, hint);
            if (e == null) {
                return null;
            }
            PoolLease<C> lease = activate(e, hint);
            if (lease != null) {
                return lease;
            }
        }
        return null;
    }

    /**
     * Claims the entry this thread claimed last time if it is idle, without scanning the others.
     * Like the thread-local lists of HikariCP's ConcurrentBag and Stormpot's claim cache: threads
     * that each return to their own connection never CAS the same word, where a scan would send all
     * of them to the same "best" entry. Only an idle entry is taken (it is also a least-loaded one),
     * and the fast path runs only while nobody waits, so this never overtakes a waiter.
     */
    private Entry<C> claimHinted(ClaimHint hint, long now) {
        Entry<C>[] es = entries;
        int i = hint.index;
        if (i < 0 || i >= es.length) {
            return null;
        }
        Entry<C> e = es[i]; // may be another entry than last time, if the array changed: still a hint
        if (e.state() != 0 || e.retired) {
            return null;
        }
        long used = e.lastUsed;
        if (maxLifetimeNanos > 0 && clockOnAcquire && now - e.expiresAt >= 0) {
            e.retire(CloseReason.MAX_LIFETIME);
            return null;
        }
        boolean stale = validateAfterIdleNanos > 0 && now - used >= validateAfterIdleNanos;
        return e.cas(0, stale ? Entry.RESERVED : 1) ? e : null;
    }

    /**
     * Claims the least-loaded usable entry, most recently released first among equals: CAS its count
     * up by one, or to RESERVED when it has been idle long enough to need validation. {@code now} is
     * only meaningful when {@link #clockOnAcquire}. Returns null when nothing is usable.
     */
    private Entry<C> claimBest(long now, ClaimHint hint) {
        for (int attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
            Entry<C>[] es = entries;
            Entry<C> best = null;
            int bestIndex = -1;
            int bestLoad = maxLeases;
            long bestUsed = 0;
            for (int i = 0; i < es.length; i++) {
                Entry<C> e = es[i];
                int s = e.state();
                if (s < 0 || s > bestLoad || e.retired) {
                    continue;
                }
                long used = e.lastUsed;
                if (s == bestLoad && (best == null || used - bestUsed <= 0)) {
                    continue;
                }
                if (maxLifetimeNanos > 0 && clockOnAcquire && now - e.expiresAt >= 0) {
                    e.retire(CloseReason.MAX_LIFETIME); // closed by the slow path or maintenance once idle
                    continue;
                }
                best = e;
                bestIndex = i;
                bestLoad = s;
                bestUsed = used;
            }
            if (best == null) {
                return null;
            }
            boolean stale = bestLoad == 0 && validateAfterIdleNanos > 0 && now - bestUsed >= validateAfterIdleNanos;
            if (best.cas(bestLoad, stale ? Entry.RESERVED : bestLoad + 1)) {
                if (hint != null) {
                    hint.index = bestIndex;
                }
                return best;
            }
        }
        return null;
    }

    /**
     * Turns a claimed entry into a lease after the checks that must not run under the lock
     * (validation, isOpen). Returns null if the entry failed them (it has been closed). {@code hint}
     * is this thread's, or null to look it up.
     */
    private PoolLease<C> activate(Entry<C> e, ClaimHint hint) {
        if (e.state() == Entry.RESERVED) {
            if (!validate(e)) {
                turnDown(e, CloseReason.VALIDATION_FAILED);
                return null;
            }
            if (!e.cas(Entry.RESERVED, 1)) {
                return null; // force-closed while we validated
            }
        }
        if (closed) {
            releaseEntry(e); // closes it, as the pool is closed
            throw new PoolClosedException(name);
        }
        if (!isOpen(e)) {
            turnDown(e, CloseReason.NOT_OPEN);
            return null;
        }
        return newLease(e, hint);
    }

    private PoolLease<C> newLease(Entry<C> e, ClaimHint hint) {
        PoolLease<C> lease;
        if (exclusive) {
            lease = e.soleLease;
        } else if (watched == null) {
            ClaimHint home = hint != null ? hint : claimHints.get();
            lease = home.takeSpare();
            if (lease == null) {
                lease = new PoolLease<>(this, e, home);
            } else {
                lease.bind(this, e, home);
            }
        } else {
            lease = new PoolLease<>(this, e, null); // watched leases stay distinct objects: the watch set holds them
        }
        if (watched != null) {
            lease.acquiredAt = clock.nanoTime();
            lease.acquireSite = new Throwable("Lease of " + e + " acquired here");
            lease.leakReported = false;
            watched.add(lease);
        }
        lease.activate();
        return lease;
    }

    private PoolLease<C> acquireSlow(long start, long timeoutNanos) {
        reapRetiredIdle();
        Entry<C> claimed = null;
        Waiter<C> waiter = null;
        boolean create = false;
        boolean expired = false;
        RuntimeException failure = null;
        lock.lock();
        try {
            if (closed) {
                throw new PoolClosedException(name);
            }
            long now = clock.nanoTime();
            if (waiters.isEmpty()) {
                claimed = claimBest(now, null);
            }
            if (claimed == null) {
                switch (decideLocked(waiters.size(), now)) {
                    case CREATE:
                        if (timeoutNanos - (now - start) <= 0) {
                            // no time left to connect (a zero timeout): reserving capacity only to
                            // give it back would make concurrent callers wait for nothing (found by
                            // the model check, ConnectionPoolModelCheckTest)
                            expired = true;
                            break;
                        }
                        allocated++;
                        connecting++;
                        create = true;
                        break;
                    case BACKOFF:
                        failure = new PoolBackoffException(name, backoff.lastCause(), backoff.failures(),
                                Duration.ofNanos(backoff.remainingNanos(now)));
                        break;
                    default:
                        if (timeoutNanos - (now - start) <= 0) {
                            expired = true; // no time to wait: joining the queue could only take grants to give back
                        } else if (waiters.size() >= maxWaiters) {
                            failure = new PoolExhaustedException(name, maxWaiters, stats());
                        } else {
                            waiter = new Waiter<>(Thread.currentThread());
                            waiters.add(waiter);
                            waiterCount = waiters.size();
                            // A release may have freed an entry after our scan above but before it
                            // could see waiterCount > 0; it then skipped dispatch. Re-scan now that
                            // waiterCount is published (volatile write, then volatile reads of the
                            // states: one side always sees the other), or we could sleep beside an
                            // idle connection.
                            dispatchLocked();
                        }
                }
            }
        } finally {
            lock.unlock();
        }
        if (failure != null) {
            throw failure;
        }
        if (expired) {
            throw timedOut(start);
        }
        if (claimed != null) {
            return activate(claimed, null);
        }
        if (create) {
            return openForLease(start, timeoutNanos);
        }
        return await(waiter, start, timeoutNanos);
    }

    /** What a caller with {@code ahead} waiters before it may do when no entry is claimable. */
    private Decision decideLocked(int ahead, long now) {
        if (allocated >= maxConnections) {
            return Decision.WAIT_FULL;
        }
        // Shared mode: connections being opened will bring (k-1) spare leases each; wait for those.
        if (ahead < (long) connecting * (maxLeases - 1)) {
            return Decision.WAIT_COVERED;
        }
        if (backoff.failing()) {
            if (backoff.active(now)) {
                return Decision.BACKOFF;
            }
            if (connecting > 0) {
                return Decision.WAIT_FULL; // while failing, one probe connect at a time
            }
        }
        return Decision.CREATE;
    }

    /**
     * Serves waiters in arrival order after any change of capacity: first from claimable entries,
     * then with permits to connect, or fails them fast while connects back off.
     */
    private void dispatchLocked() {
        if (waiters.isEmpty()) {
            return;
        }
        long now = clock.nanoTime();
        Waiter<C> w;
        while ((w = waiters.head()) != null) {
            Entry<C> e = claimBest(now, null);
            if (e == null) {
                break;
            }
            waiters.remove(w);
            w.grant(e);
        }
        int ahead = 0;
        w = waiters.head();
        while (w != null) {
            Waiter<C> next = w.next;
            Decision d = decideLocked(ahead, now);
            if (d == Decision.WAIT_FULL) {
                break;
            } else if (d == Decision.WAIT_COVERED) {
                ahead++;
            } else if (d == Decision.CREATE) {
                allocated++;
                connecting++;
                waiters.remove(w);
                w.grant(Waiter.CREATE);
            } else {
                w.backoffCause = backoff.lastCause();
                w.backoffFailures = backoff.failures();
                w.backoffRemainingNanos = backoff.remainingNanos(now);
                waiters.remove(w);
                w.grant(Waiter.BACKOFF);
            }
            w = next;
        }
        waiterCount = waiters.size();
    }

    private void dispatch() {
        lock.lock();
        try {
            dispatchLocked();
        } finally {
            lock.unlock();
        }
    }

    private PoolLease<C> await(Waiter<C> w, long start, long timeoutNanos) {
        Object grant = pollForGrant(w);
        for (;;) {
            if (grant == null) {
                grant = w.grant;
            }
            if (grant != null) {
                break;
            }
            long remaining = timeoutNanos - (clock.nanoTime() - start);
            if (remaining <= 0) {
                grant = cancel(w);
                if (grant == null) {
                    throw timedOut(start);
                }
                break; // granted just as we gave up: take it
            }
            LockSupport.parkNanos(this, remaining);
            if (Thread.interrupted()) {
                Object late = cancel(w);
                if (late != null) {
                    giveBack(late); // hand it on, so no capacity is lost
                }
                Thread.currentThread().interrupt();
                throw new PoolInterruptedException(name);
            }
        }
        waitedCount.incrementAndGet();
        waitNanos.addAndGet(clock.nanoTime() - start);
        if (grant instanceof Entry) {
            @SuppressWarnings("unchecked")
            Entry<C> e = (Entry<C>) grant;
            return activate(e, null);
        }
        if (grant == Waiter.CREATE) {
            return openForLease(start, timeoutNanos);
        }
        if (grant == Waiter.CLOSED) {
            throw new PoolClosedException(name);
        }
        throw new PoolBackoffException(name, w.backoffCause, w.backoffFailures, Duration.ofNanos(w.backoffRemainingNanos));
    }

    /**
     * Polls for a grant, yielding the CPU between polls, for up to {@link #WAIT_POLL_NANOS} before
     * the caller parks; returns it, or null. A connection released a moment later then reaches a
     * waiter that is still running, which needs no wake-up through the kernel: on a small virtual
     * machine waking a parked thread (and perhaps its halted CPU) costs more than a short hold. At
     * most {@link #MAX_POLLING_WAITERS} waiters poll at once, so a long queue does not burn the
     * CPUs that the holders need to finish; and once a poll finds nothing (connections are held
     * longer than a poll, as for an RPC), the next {@link #POLL_SKIPS_AFTER_MISS} waits park at once.
     * A waiter on a virtual thread (Java 21+) never polls.
     */
    private Object pollForGrant(Waiter<C> w) {
        if (WAIT_POLL_NANOS == 0 || VirtualThreads.isVirtual(Thread.currentThread())) {
            return null; // a virtual thread parks cheaply, and each yield would unmount it and copy its stack
        }
        int skips = pollSkips;
        if (skips > 0) {
            pollSkips = skips - 1; // racy on purpose: a heuristic, not a count
            return null;
        }
        if (!tryStartPolling()) {
            return null;
        }
        try {
            long t0 = clock.nanoTime();
            for (int i = 0; i < MAX_WAIT_POLLS; i++) {
                Object grant = w.grant;
                if (grant != null) {
                    return grant;
                }
                if (i < WAIT_SPINS) {
                    Thread.onSpinWait(); // a release that is already under way lands within ~100 ns
                } else {
                    Thread.yield(); // longer: let the holder (maybe on this CPU) run
                }
                if (clock.nanoTime() - t0 >= WAIT_POLL_NANOS) {
                    break;
                }
            }
            // connections are held longer than a poll (an RPC, say): polling would only burn CPU
            pollSkips = POLL_SKIPS_AFTER_MISS;
            return null;
        } finally {
            pollingWaiters.decrementAndGet();
        }
    }

    private boolean tryStartPolling() {
        int n;
        do {
            n = pollingWaiters.get();
            if (n >= MAX_POLLING_WAITERS) {
                return false;
            }
        } while (!pollingWaiters.compareAndSet(n, n + 1));
        return true;
    }

    /** Leaves the queue; returns null if still queued, else the grant that was made meanwhile. */
    private Object cancel(Waiter<C> w) {
        lock.lock();
        try {
            if (waiters.remove(w)) {
                waiterCount = waiters.size();
                return null;
            }
            return w.grant;
        } finally {
            lock.unlock();
        }
    }

    /** Returns a grant that its waiter will not use. */
    private void giveBack(Object grant) {
        if (grant instanceof Entry) {
            @SuppressWarnings("unchecked")
            Entry<C> e = (Entry<C>) grant;
            if (e.state() == Entry.RESERVED) {
                if (e.cas(Entry.RESERVED, 0)) {
                    afterIdle(e);
                }
            } else {
                releaseEntry(e);
            }
        } else if (grant == Waiter.CREATE) {
            giveBackReservedConnect();
        }
    }

    /** Returns capacity reserved for a connect that will not happen or did not succeed. */
    private void giveBackReservedConnect() {
        lock.lock();
        try {
            allocated--;
            connecting--;
            dispatchLocked();
        } finally {
            lock.unlock();
        }
        checkTerminated();
    }

    private PoolTimeoutException timedOut(long start) {
        Duration waited = Duration.ofNanos(clock.nanoTime() - start);
        timedOutCount.incrementAndGet();
        try {
            listener.acquireTimedOut(name, waited);
        } catch (RuntimeException ex) {
            LOG.warn("PoolListener.acquireTimedOut of pool '{}' threw", name, ex);
        }
        return new PoolTimeoutException(name, waited, stats());
    }

    // ---------------------------------------------------------------- connect

    private PoolLease<C> openForLease(long start, long timeoutNanos) {
        long remaining = timeoutNanos - (clock.nanoTime() - start);
        if (remaining <= 0) {
            giveBack(Waiter.CREATE);
            throw timedOut(start);
        }
        if (remaining < connectTimeoutNanos && connector instanceof AsyncConnector<C> async) {
            return newLease(openOutlivingCaller(async, start, remaining), null);
        }
        // when the caller's deadline is shorter than connectTimeout, running out of it is the
        // caller's limit, not the target's failure: open() must not back off for it
        Entry<C> e = remaining < connectTimeoutNanos ? open(remaining, 1, start) : open(connectTimeoutNanos, 1, -1);
        return newLease(e, null);
    }

    /**
     * Connects with the full connect timeout but waits only for what is left of the caller's
     * deadline. A connect still running when the caller gives up is not wasted: its connection
     * joins the pool idle (serving waiters at once), or its failure counts toward the back-off;
     * until then its capacity stays reserved, so the cap holds.
     */
    private Entry<C> openOutlivingCaller(AsyncConnector<C> async, long acquireStart, long remainingNanos) {
        long t0 = clock.nanoTime();
        CompletableFuture<C> f;
        try {
            f = Objects.requireNonNull(async.connectAsync(Duration.ofNanos(connectTimeoutNanos)),
                    "AsyncConnector.connectAsync returned null");
        } catch (Throwable t) {
            throw connectFailed(t);
        }
        C c;
        try {
            c = f.get(remainingNanos, TimeUnit.NANOSECONDS);
        } catch (ExecutionException ex) {
            throw connectFailed(ex.getCause() == null ? ex : ex.getCause());
        } catch (TimeoutException ex) {
            // async: the future may complete on an I/O thread, which must not take the pool lock
            // or run listeners; this path is rare (a caller gave up), so a hop costs nothing
            f.whenCompleteAsync((late, failure) -> adoptLateConnect(late, failure, t0));
            throw timedOut(acquireStart);
        } catch (InterruptedException ex) {
            f.whenCompleteAsync((late, failure) -> adoptLateConnect(late, failure, t0));
            Thread.currentThread().interrupt();
            throw new PoolInterruptedException(name);
        }
        if (c == null) {
            throw connectFailed(new NullPointerException("AsyncConnector.connectAsync completed with null"));
        }
        return register(c, t0, 1);
    }

    /** A connect whose caller gave up has ended: keep its connection idle, or count its failure. */
    private void adoptLateConnect(C c, Throwable failure, long t0) {
        if (failure == null && c == null) {
            failure = new NullPointerException("AsyncConnector.connectAsync completed with null");
        }
        if (failure != null) {
            Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            connectFailed(cause); // frees the capacity, backs off, tells the listener; nobody to throw to
            return;
        }
        try {
            Entry<C> e = register(c, t0, 0);
            afterIdle(e); // it may have been retired meanwhile; otherwise dispatch already served waiters
        } catch (PoolClosedException closedMeanwhile) {
            // register closed the connection and freed its capacity
        }
    }

    /**
     * Opens a connection with capacity already reserved ({@code allocated} and {@code connecting}
     * raised by the caller under the lock). Called without the lock.
     */
    private Entry<C> open(long timeoutNanos, int initialState, long deadlineBoundAcquireStart) {
        long t0 = clock.nanoTime();
        C c = null;
        Throwable failure = null;
        try {
            c = connector.connect(Duration.ofNanos(timeoutNanos));
            if (c == null) {
                failure = new NullPointerException("Connector.connect returned null");
            }
        } catch (Throwable t) {
            failure = t;
        }
        if (failure != null) {
            if (deadlineBoundAcquireStart >= 0 && !(failure instanceof InterruptedException)
                    && clock.nanoTime() - t0 >= timeoutNanos) {
                throw connectCutShort(deadlineBoundAcquireStart);
            }
            throw connectFailed(failure);
        }
        return register(c, t0, initialState);
    }

    /**
     * Adds a newly opened connection (capacity reserved by its connect) in state
     * {@code initialState} (1: leased by the caller that opened it; 0: idle) and serves waiters.
     *
     * @throws PoolClosedException if the pool closed meanwhile (the connection is then closed)
     */
    private Entry<C> register(C c, long t0, int initialState) {
        long now = clock.nanoTime();
        Entry<C> e = null;
        lock.lock();
        try {
            connecting--;
            if (!closed) {
                e = new Entry<>(nextId++, c, now, expiry(now), initialState, this, exclusive);
                Entry<C>[] old = entries;
                Entry<C>[] grown = Arrays.copyOf(old, old.length + 1);
                grown[old.length] = e;
                entries = grown;
                backoff.onSuccess();
                dispatchLocked();
            }
        } finally {
            lock.unlock();
        }
        createdCount.incrementAndGet();
        if (e == null) { // the pool closed while we connected
            closeQuietly(c);
            closedCount.incrementAndGet();
            freeCapacity();
            throw new PoolClosedException(name);
        }
        try {
            listener.connectionCreated(name, e.id, Duration.ofNanos(now - t0));
        } catch (RuntimeException ex) {
            LOG.warn("PoolListener.connectionCreated of pool '{}' threw", name, ex);
        }
        return e;
    }

    /**
     * A connect ended by the acquiring caller's own deadline: frees the reserved capacity and
     * reports a pool timeout, without counting a connect failure or backing off, because a short
     * deadline says nothing about whether the target is up.
     */
    private PoolTimeoutException connectCutShort(long acquireStart) {
        giveBackReservedConnect();
        return timedOut(acquireStart);
    }

    private RuntimeException connectFailed(Throwable t) {
        boolean interrupted = t instanceof InterruptedException || Thread.currentThread().isInterrupted();
        long now = clock.nanoTime();
        long next;
        lock.lock();
        try {
            allocated--;
            connecting--;
            if (!interrupted) { // an interrupt says nothing about the target
                backoff.onFailure(now, t);
            }
            next = backoff.remainingNanos(now);
            dispatchLocked();
        } finally {
            lock.unlock();
        }
        checkTerminated();
        if (interrupted) {
            Thread.currentThread().interrupt();
            return new PoolInterruptedException(name);
        }
        connectFailureCount.incrementAndGet();
        try {
            listener.connectFailed(name, t, Duration.ofNanos(next));
        } catch (RuntimeException ex) {
            LOG.warn("PoolListener.connectFailed of pool '{}' threw", name, ex);
        }
        if (t instanceof VirtualMachineError) {
            throw (VirtualMachineError) t;
        }
        return new PoolConnectException(name, t, Duration.ofNanos(next));
    }

    private long expiry(long now) {
        if (maxLifetimeNanos <= 0) {
            return now;
        }
        long jitter = (long) (maxLifetimeNanos * LIFETIME_JITTER_FRACTION * ThreadLocalRandom.current().nextDouble());
        return now + maxLifetimeNanos - jitter;
    }

    // ---------------------------------------------------------------- release

    /** Called by a lease that has just ended with release(). Never blocks on I/O, never throws. */
    void release(PoolLease<C> lease) {
        if (watched != null) {
            watched.remove(lease);
        }
        releaseEntry(lease.entry);
    }

    /** Called by a lease that has just ended with invalidate(). */
    void invalidate(PoolLease<C> lease) {
        if (watched != null) {
            watched.remove(lease);
        }
        killAndFree(lease.entry, CloseReason.INVALIDATED);
    }

    private void releaseEntry(Entry<C> e) {
        if (stampReleases) {
            long now = clock.nanoTime();
            e.lastUsed = now;
            if (maxLifetimeNanos > 0 && now - e.expiresAt >= 0) {
                e.retire(CloseReason.MAX_LIFETIME);
            }
        }
        int s;
        do {
            s = e.state();
            if (s <= 0) {
                return; // DEAD: invalidated by another lease of this shared connection, or force-closed
            }
        } while (!e.cas(s, s - 1));
        if (s == 1) {
            afterIdle(e);
        } else if (waiterCount > 0) {
            dispatch();
        }
    }

    /**
     * An entry just became idle: close it if it is retired or the pool closed (the retire flag is
     * written before the CAS that closes idle entries, and read here after the CAS that made it
     * idle, so one of the two sides always sees the other); otherwise serve waiters.
     */
    private void afterIdle(Entry<C> e) {
        if (closed) {
            e.retire(CloseReason.POOL_CLOSED);
        }
        if (e.retired) {
            if (e.cas(0, Entry.DEAD)) {
                closeAndFree(e, e.retireReason);
            }
            return;
        }
        if (waiterCount > 0) {
            dispatch();
        }
    }

    private void killAndFree(Entry<C> e, CloseReason reason) {
        if (e.kill() != Entry.DEAD) {
            closeAndFree(e, reason);
        }
    }

    /** Closes a connection that failed a check, reporting why as the connector says ({@link #reasonFor}). */
    private void turnDown(Entry<C> e, CloseReason observed) {
        if (e.kill() != Entry.DEAD) {
            closeAndFree(e, reasonFor(e, observed));
        }
    }

    /** Closes a connection whose entry this thread moved to DEAD, then frees its capacity. */
    private void closeAndFree(Entry<C> e, CloseReason reason) {
        closeQuietly(e.connection);
        lock.lock();
        try {
            Entry<C>[] old = entries;
            int i = Arrays.asList(old).indexOf(e);
            if (i >= 0) {
                Entry<C>[] shrunk = Arrays.copyOf(old, old.length - 1);
                System.arraycopy(old, i + 1, shrunk, i, old.length - i - 1);
                entries = shrunk;
            }
            allocated--;
            dispatchLocked();
        } finally {
            lock.unlock();
        }
        closedCount.incrementAndGet();
        try {
            listener.connectionClosed(name, e.id, reason);
        } catch (RuntimeException ex) {
            LOG.warn("PoolListener.connectionClosed of pool '{}' threw", name, ex);
        }
        checkTerminated();
    }

    private void freeCapacity() {
        lock.lock();
        try {
            allocated--;
            dispatchLocked();
        } finally {
            lock.unlock();
        }
        checkTerminated();
    }

    private void checkTerminated() {
        if (closed && allocated == 0) {
            terminated.complete(null);
        }
    }

    // ---------------------------------------------------------------- maintenance

    private void maintenanceTick() {
        try {
            runMaintenance();
        } catch (Throwable t) { // a thrown task would silently stop the schedule
            LOG.warn("Maintenance of pool '{}' failed", name, t);
        }
    }

    private void prewarm() {
        try {
            refill();
            ready.complete(null);
        } catch (RuntimeException ex) {
            ready.completeExceptionally(ex);
        }
    }

    /**
     * One maintenance pass at the clock's current time: lifetime, idle eviction, dead idle
     * connections, leak detection, then opening connections up to {@code minIdle}. Runs on the
     * maintenance thread, or on the caller's when tests drive time by hand.
     */
    public void runMaintenance() {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        int idle = 0;
        for (Entry<C> e : entries) {
            if (e.state() == 0) {
                idle++;
            }
        }
        for (Entry<C> e : entries) {
            int s = e.state();
            if (s < 0) {
                continue;
            }
            if (maxLifetimeNanos > 0 && now - e.expiresAt >= 0) {
                e.retire(CloseReason.MAX_LIFETIME);
            }
            if (e.retired) {
                if (e.cas(0, Entry.DEAD)) {
                    closeAndFree(e, e.retireReason);
                    idle--;
                }
            } else if (s == 0 && idleTimeoutNanos > 0 && idle > minIdle && now - e.lastUsed >= idleTimeoutNanos) {
                if (e.cas(0, Entry.DEAD)) {
                    closeAndFree(e, CloseReason.IDLE_TIMEOUT);
                    idle--;
                }
            } else if (s == 0 && !isOpen(e) && e.cas(0, Entry.DEAD)) {
                closeAndFree(e, reasonFor(e, CloseReason.NOT_OPEN));
                idle--;
            }
        }
        detectLeaks(now);
        try {
            refill();
        } catch (RuntimeException ex) {
            LOG.debug("Pool '{}' could not open a connection to keep minIdle={}", name, minIdle, ex);
        }
    }

    private void reapRetiredIdle() {
        for (Entry<C> e : entries) {
            if (e.retired && e.cas(0, Entry.DEAD)) {
                closeAndFree(e, e.retireReason);
            }
        }
    }

    /** Opens connections until {@code minIdle} are idle (or opening); stops at the first failure. */
    private void refill() {
        while (true) {
            lock.lock();
            try {
                int idle = 0;
                for (Entry<C> e : entries) {
                    if (e.state() == 0) {
                        idle++;
                    }
                }
                if (closed || idle + connecting >= minIdle
                        || decideLocked(waiters.size(), clock.nanoTime()) != Decision.CREATE) {
                    return;
                }
                allocated++;
                connecting++;
            } finally {
                lock.unlock();
            }
            open(connectTimeoutNanos, 0, -1);
        }
    }

    private void detectLeaks(long now) {
        if (watched == null) {
            return;
        }
        for (PoolLease<C> lease : watched) {
            long held = now - lease.acquiredAt;
            if (!lease.leakReported && held >= leakThresholdNanos) {
                lease.leakReported = true;
                Duration heldFor = Duration.ofNanos(held);
                LOG.warn("Lease of {} from pool '{}' has been held for {} ms (leakDetectionThreshold={} ms);"
                        + " it may have leaked: end every lease with release() or invalidate(). Acquired at:",
                        lease.entry, name, heldFor.toMillis(), Duration.ofNanos(leakThresholdNanos).toMillis(),
                        lease.acquireSite);
                try {
                    listener.leaseHeldTooLong(name, lease.entry.id, heldFor, lease.acquireSite);
                } catch (RuntimeException ex) {
                    LOG.warn("PoolListener.leaseHeldTooLong of pool '{}' threw", name, ex);
                }
            }
        }
    }

    // ---------------------------------------------------------------- close

    public void close() {
        lock.lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            Waiter<C> w;
            while ((w = waiters.head()) != null) {
                waiters.remove(w);
                w.grant(Waiter.CLOSED);
            }
            waiterCount = 0;
            for (Entry<C> e : entries) {
                e.retire(CloseReason.POOL_CLOSED);
            }
        } finally {
            lock.unlock();
        }
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        ready.completeExceptionally(new PoolClosedException(name));
        for (Entry<C> e : entries) {
            if (e.cas(0, Entry.DEAD)) { // leased ones are closed by their last release
                closeAndFree(e, CloseReason.POOL_CLOSED);
            }
        }
        checkTerminated();
    }

    public boolean closeGracefully(long timeoutNanos) {
        close();
        try {
            terminated.get(timeoutNanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException ex) {
            forceCloseAll();
            return false;
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            forceCloseAll();
            return false;
        } catch (ExecutionException ex) {
            throw new IllegalStateException(ex); // never completed exceptionally
        }
    }

    private void forceCloseAll() {
        for (Entry<C> e : entries) {
            killAndFree(e, CloseReason.POOL_CLOSED); // their leases become no-ops
        }
    }

    // ---------------------------------------------------------------- views

    public PoolStats stats() {
        int open = 0;
        int idle = 0;
        int leased = 0;
        for (Entry<C> e : entries) {
            int s = e.state();
            if (s == Entry.DEAD) {
                continue;
            }
            open++;
            if (s == 0) {
                idle++;
            } else if (s > 0) {
                leased += s;
            } else {
                leased++; // RESERVED: being validated for a caller
            }
        }
        return new PoolStats(name, maxConnections, open, connecting, idle, leased, waiterCount,
                createdCount.get(), closedCount.get(), timedOutCount.get(), connectFailureCount.get(),
                waitedCount.get(), waitNanos.get());
    }

    public List<ConnectionInfo<C>> connections() {
        long now = clock.nanoTime();
        List<ConnectionInfo<C>> out = new ArrayList<>();
        for (Entry<C> e : entries) {
            int s = e.state();
            if (s != Entry.DEAD) {
                Duration idle = !stampReleases ? Duration.ZERO : Duration.ofNanos(Math.max(0, now - e.lastUsed));
                out.add(new ConnectionInfo<>(e.id, e.connection, s == Entry.RESERVED ? 1 : s,
                        Duration.ofNanos(now - e.createdAt), idle, e.retired));
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- connector calls

    private boolean validate(Entry<C> e) {
        try {
            return connector.validate(e.connection, validationTimeout);
        } catch (Exception ex) {
            LOG.debug("Validation of {} in pool '{}' failed", e, name, ex);
            return false;
        }
    }

    private boolean isOpen(Entry<C> e) {
        try {
            return connector.isOpen(e.connection);
        } catch (RuntimeException ex) {
            LOG.debug("Connector.isOpen of {} in pool '{}' threw; treating it as closed", e, name, ex);
            return false;
        }
    }

    /** What the connector says about a connection the pool turns down as {@code observed}. */
    private CloseReason reasonFor(Entry<C> e, CloseReason observed) {
        try {
            CloseReason said = connector.closeReason(e.connection, observed);
            return said == null ? observed : said;
        } catch (RuntimeException ex) {
            LOG.debug("Connector.closeReason of {} in pool '{}' threw; reporting {}", e, name, observed, ex);
            return observed;
        }
    }

    private void closeQuietly(C c) {
        try {
            connector.close(c);
        } catch (Exception ex) {
            LOG.warn("Closing a connection of pool '{}' failed", name, ex);
        }
    }

    private static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException ex) {
            return Long.MAX_VALUE;
        }
    }

    public static long saturatedNanos(Duration d) {
        return nanos(d);
    }
}
