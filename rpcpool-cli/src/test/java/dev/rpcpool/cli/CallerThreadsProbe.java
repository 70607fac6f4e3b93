package dev.rpcpool.cli;

/**
 * Run in a Java 21+ JVM by {@link CliTest}: prints what kind of thread {@link CallerThreads#virtual}
 * makes and its name, so the test can tell the factory's threads are virtual.
 */
public final class CallerThreadsProbe {
    private CallerThreadsProbe() {
    }

    public static void main(String[] args) throws Exception {
        Thread t = CallerThreads.virtual("probe").newThread(() -> { });
        boolean virtual = (boolean) Thread.class.getMethod("isVirtual").invoke(t);
        System.out.println("virtual=" + virtual + " daemon=" + t.isDaemon() + " name=" + t.getName());
    }
}
