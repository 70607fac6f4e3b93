package dev.rpcpool.bench.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Where and how a run was made, for the report's header: the exact command, its settings, the
 * machine (cores, CPU model, JDK, Go, OS) and the date. Immutable.
 */
public record RunInfo(String command, String settings, String date, int cores, String cpu, String jdk,
        String go, String os) {

    /** Describes this machine now; {@code go} is what {@code go version} said. */
    public static RunInfo ofThisMachine(String command, String settings, String go) {
        return ofThisMachine(command, settings, go, Instant.now().truncatedTo(ChronoUnit.MINUTES).toString());
    }

    /** Describes this machine, for a run that ended at {@code date} (when reporting earlier results again). */
    public static RunInfo ofThisMachine(String command, String settings, String go, String date) {
        return new RunInfo(command, settings, date,
                Runtime.getRuntime().availableProcessors(), cpuModel(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                go, System.getProperty("os.name") + " " + System.getProperty("os.version"));
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (no /proc/cpuinfo)";
        }
    }
}
