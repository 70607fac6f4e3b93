package dev.rpcpool.cli;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parses durations as people write them on a command line: {@code 250ms}, {@code 5s}, {@code 1m},
 * {@code 1m30s}, {@code 2h}, and also {@code 100us}. A bare number is rejected, because whether
 * {@code 5} means seconds or milliseconds is exactly the mistake this prevents.
 *
 * <p>Thread-safety: stateless, thread-safe.
 */
final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern PART = Pattern.compile("(\\d+)(us|ms|s|m|h)");

    @Override
    public Duration convert(String text) {
        return parse(text);
    }

    static Duration parse(String text) {
        String s = text.trim();
        Matcher m = PART.matcher(s);
        Duration total = Duration.ZERO;
        int at = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                throw new TypeConversionException("'" + text + "' is not a duration; write it like 500ms, 5s, 1m or 1m30s");
            }
            long n = Long.parseLong(m.group(1));
            total = total.plus(switch (m.group(2)) {
                case "us" -> Duration.ofNanos(n * 1_000);
                case "ms" -> Duration.ofMillis(n);
                case "s" -> Duration.ofSeconds(n);
                case "m" -> Duration.ofMinutes(n);
                default -> Duration.ofHours(n);
            });
            at = m.end();
        }
        if (s.isEmpty()) {
            throw new TypeConversionException("empty duration; write it like 500ms, 5s, 1m or 1m30s");
        }
        return total;
    }

    /** Formats a duration the way {@link #parse} reads it, for messages and help defaults. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms > 0) {
            return ms / 60_000 + "m";
        }
        if (ms % 1_000 == 0 && ms > 0) {
            return ms / 1_000 + "s";
        }
        return ms + "ms";
    }
}
