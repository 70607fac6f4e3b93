package dev.rpcpool.codec.gob.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** GobInput hands back the previous string instance only when the bytes spell exactly that string. */
class GobInputStringTest {
    private final GobInput in = new GobInput(new byte[0], next -> {
        throw new AssertionError("single-message test");
    }, 16);

    /** One gob message holding the given strings, each as a count (one byte, all are short) and bytes. */
    private static byte[] strings(String... values) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String v : values) {
            byte[] b = v.getBytes(StandardCharsets.UTF_8);
            out.write(b.length);
            out.writeBytes(b);
        }
        return out.toByteArray();
    }

    @Test
    void aRepeatedAsciiNameIsTheSameInstanceAcrossMessages() {
        in.reset(strings("Arith.Multiply"));
        String first = in.readString();
        in.reset(strings("Arith.Multiply"));
        assertThat(in.readString()).isSameAs(first).isEqualTo("Arith.Multiply");
    }

    @Test
    void stringsOfTheSameLengthThatDifferAreDecodedAfreshEachTime() {
        in.reset(strings("Arith.Multiply", "Arith.Multiplx", "Brith.Multiply", "Arith.Multiply"));
        assertThat(in.readString()).isEqualTo("Arith.Multiply");
        assertThat(in.readString()).isEqualTo("Arith.Multiplx");
        assertThat(in.readString()).isEqualTo("Brith.Multiply");
        assertThat(in.readString()).isEqualTo("Arith.Multiply");
    }

    @Test
    void nonAsciiAndInvalidBytesNeverMatchAnEarlierString() {
        // "é" is two bytes and one char; bytes that are not UTF-8 decode to U+FFFD, one char per byte
        byte[] invalid = {2, (byte) 0xFF, 'a'};
        in.reset(invalid);
        assertThat(in.readString()).isEqualTo("\uFFFDa");
        byte[] other = {2, (byte) 0xFE, 'a'};
        in.reset(other);
        assertThat(in.readString()).isEqualTo("\uFFFDa");
        in.reset(strings("café", "cafe", "ca", "ca"));
        assertThat(in.readString()).isEqualTo("café");
        assertThat(in.readString()).isEqualTo("cafe");
        String ca = in.readString();
        assertThat(ca).isEqualTo("ca");
        assertThat(in.readString()).isSameAs(ca);
    }

    @Test
    void longStringsAreNeverShared() {
        String long65 = "x".repeat(65);
        in.reset(strings(long65, long65));
        String a = in.readString();
        String b = in.readString();
        assertThat(a).isEqualTo(long65).isEqualTo(b).isNotSameAs(b);
    }

    @Test
    void theEmptyStringReadsAsEmpty() {
        in.reset(strings("", "", "a"));
        assertThat(in.readString()).isEmpty();
        assertThat(in.readString()).isEmpty();
        assertThat(in.readString()).isEqualTo("a");
    }
}
