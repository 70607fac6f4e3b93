package dev.rpcpool.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    @Test
    void readsTheUnitsPeopleWrite() {
        assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(DurationConverter.parse("5s")).isEqualTo(Duration.ofSeconds(5));
        assertThat(DurationConverter.parse("1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(DurationConverter.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(DurationConverter.parse("250us")).isEqualTo(Duration.ofNanos(250_000));
        assertThat(DurationConverter.parse("2h")).isEqualTo(Duration.ofHours(2));
    }

    @Test
    void rejectsBareNumbersAndGarbageWithAnExample() {
        for (String bad : new String[] {"5", "", "5 s", "fast", "5sec", "-1s"}) {
            assertThatThrownBy(() -> DurationConverter.parse(bad))
                    .as(bad)
                    .isInstanceOf(TypeConversionException.class)
                    .hasMessageContaining("500ms");
        }
    }

    @Test
    void formatsBackToTheSameText() {
        for (String s : new String[] {"500ms", "5s", "1m", "90s"}) {
            assertThat(DurationConverter.format(DurationConverter.parse(s))).isEqualTo(s);
        }
    }
}
