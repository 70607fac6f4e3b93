package dev.rpcpool.bench.pool;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;

/**
 * One acquire+release cycle of each pool, for 1, 2 and 8 threads sharing one pool of 1, 4 or 16
 * objects. With 1 thread the pool is uncontended; with 8 threads and 1 object every cycle waits.
 *
 * <p>Every contender gets the same state shape: one pool per trial ({@link Scope#Benchmark},
 * shared by all threads), filled before measuring, holding trivial {@link Conn}s. The score is
 * the average time of one cycle as seen by one thread; with {@code t} threads the pool's
 * throughput is {@code t / score}, so within one thread count a lower score is a higher throughput.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PoolCycleBenchmark {

    /** Which pool: a {@link Contender#paramName()}. */
    @Param({"rpcpool", "rpcpool-shared", "commons-pool2", "stormpot", "hikari-bag", "abq"})
    public String pool;

    /** How many objects the pool holds. */
    @Param({"1", "4", "16"})
    public int size;

    private PoolDriver driver;

    /** Builds and fills the pool once per trial (each trial runs in its own forked JVM). */
    @Setup(Level.Trial)
    public void open() throws Exception {
        driver = Contender.byParamName(pool).open(size);
    }

    /** Shuts the pool down after the trial. */
    @TearDown(Level.Trial)
    public void close() throws Exception {
        driver.close();
    }

    /** Uncontended: one thread alone on the pool. */
    @Benchmark
    @Threads(1)
    public int threads1() throws Exception {
        return driver.cycle();
    }

    /** Two threads: as many as this machine's cores. */
    @Benchmark
    @Threads(2)
    public int threads2() throws Exception {
        return driver.cycle();
    }

    /** Eight threads: more threads than cores, and than objects for sizes 1 and 4. */
    @Benchmark
    @Threads(8)
    public int threads8() throws Exception {
        return driver.cycle();
    }
}
