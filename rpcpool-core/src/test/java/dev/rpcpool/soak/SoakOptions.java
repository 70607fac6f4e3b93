package dev.rpcpool.soak;

import java.time.Duration;
import java.util.Locale;

/**
 * Settings of one soak run, from the command line: {@code --duration 10m --report-every 10s
 * --fault-every 15s --callers 4}. Durations are written {@code 500ms}, {@code 30s}, {@code 10m}.
 *
 * @param duration how long load runs
 * @param reportEvery how often a progress line is printed (and a sample taken)
 * @param faultEvery how often a fault starts; each lasts a quarter of this
 * @param callersPerPool closed-loop caller threads per pool (there are four pools)
 */
public record SoakOptions(Duration duration, Duration reportEvery, Duration faultEvery, int callersPerPool) {
    public static final SoakOptions DEFAULTS =
            new SoakOptions(Duration.ofMinutes(10), Duration.ofSeconds(10), Duration.ofSeconds(15), 4);

    public SoakOptions {
        if (duration.isNegative() || duration.isZero() || reportEvery.isNegative() || reportEvery.isZero()
                || faultEvery.toMillis() < 40 || callersPerPool < 1) {
            throw new IllegalArgumentException("durations must be positive (faultEvery at least 40ms) and callers >= 1: "
                    + duration + ", " + reportEvery + ", " + faultEvery + ", " + callersPerPool);
        }
    }

    /**
     * Parses {@code args} over the defaults.
     *
     * @throws IllegalArgumentException naming the bad argument
     */
    public static SoakOptions parse(String... args) {
        SoakOptions o = DEFAULTS;
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            String value = args[++i];
            o = switch (name) {
                case "--duration" -> new SoakOptions(duration(value), o.reportEvery, o.faultEvery, o.callersPerPool);
                case "--report-every" -> new SoakOptions(o.duration, duration(value), o.faultEvery, o.callersPerPool);
                case "--fault-every" -> new SoakOptions(o.duration, o.reportEvery, duration(value), o.callersPerPool);
                case "--callers" -> new SoakOptions(o.duration, o.reportEvery, o.faultEvery, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + name
                        + "; known: --duration, --report-every, --fault-every, --callers");
            };
        }
        return o;
    }

    static Duration duration(String s) {
        String v = s.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
            }
            long n = Long.parseLong(v.substring(0, v.length() - 1));
            return switch (v.charAt(v.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                default -> throw new IllegalArgumentException("bad duration '" + s + "': write 500ms, 30s, 10m or 1h");
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw new IllegalArgumentException("bad duration '" + s + "': write 500ms, 30s, 10m or 1h", e);
        }
    }
}
