package dev.rpcpool.rpc;

/**
 * How a blocking {@link RpcClient#call} waits for its reply: the trade between CPU time and the
 * cost of being woken through the kernel.
 *
 * <p>A caller that has parked is woken by the I/O thread that read its reply through a
 * {@code futex} system call, and its thread must then be scheduled again; on small virtual machines
 * this costs tens of microseconds of CPU per call, more than a loopback round trip. A caller that
 * polls its reply instead (yielding its CPU between polls, so runnable threads are not held up)
 * needs no wake-up, but spends CPU time polling. The poll budget per call is 200 µs (system
 * property {@code rpcpool.replySpinMicros}); a reply that takes longer is waited for parked.
 * Deadlines, interrupts and failures end the wait the same way in every mode.
 *
 * <p>Measured (docs/benchmarks-e2e-history.md, "Blocking callers that poll"): 16 threads calling a Go server
 * on a 2-core machine made 1.1–1.3× as many calls per second with {@link #SPIN} as with
 * {@link #ADAPTIVE}, for about the same client CPU time per call: the polling costs what the
 * wake-ups cost, but no caller waits to be scheduled after its reply is in.
 *
 * <p>Callers on virtual threads (Java 21+) always park, in every mode: a parked virtual thread
 * holds no OS thread, and its wake-up goes through the kernel only when its carrier threads are
 * idle, while polling would unmount and remount it at every yield. Virtual threads are the cheaper
 * way to make many blocking calls at once: against a Go server on 2 cores, 16 virtual callers made
 * 1.39–1.44× the calls per second of 16 platform threads, for 41% less client CPU per call
 * (docs/benchmarks-e2e.md, the run of 2026-12-02 12:56); on a busier machine 1.0–1.13×, for
 * 18–25% less.
 *
 * <p>Thread-safety: an immutable enum.
 */
public enum SyncWait {
    /**
     * Park at once: the least CPU time, the most wake-ups. For machines where idle CPU matters, and
     * worth measuring where the server shares a small machine with the client: there a polling caller
     * can take the CPU the server needs (one caller of an rpcpool server on 2 cores made 1.3–1.7× the
     * calls per second parked; of a Go server, 0.7–0.9×).
     */
    PARK,

    /**
     * Poll while no more than max(1, cores / 2) blocking callers (system property
     * {@code rpcpool.replySpinners}) of {@code ADAPTIVE} connections wait in this JVM, else park:
     * a single-threaded caller gets its replies without wake-ups, and many concurrent callers cost
     * no CPU polling. The default.
     */
    ADAPTIVE,

    /**
     * Every waiting caller polls first, however many wait: the most calls per second and the lowest
     * latency from many blocking threads when the machine has idle CPU, for the price of that CPU
     * (it shows as busy while callers poll, and in the load average).
     */
    SPIN
}
