package dev.rpcpool.bench.codec;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The values the codec benchmark sends, shaped like what Go services exchange: the tutorial's
 * {@code Args{A, B int}}, and a record of about 1 KiB on the wire with strings, numbers and lists.
 */
public final class Payloads {
    private Payloads() {}

    /** Go's {@code type Args struct{ A, B int }} (Go's {@code int} is 64 bits). */
    public record Args(long a, long b) {}

    /**
     * A catalogue item of roughly 1 KiB encoded (gob: about 1.0 KiB, JSON: a little more), mixing
     * the field kinds a real reply carries.
     */
    public record Item(
            long id,
            String name,
            double price,
            boolean inStock,
            List<String> tags,
            List<Long> counts,
            String description) {}

    /** The small payload: {@code Args{A: 7, B: 8}}. */
    public static Args args() {
        return new Args(7, 8);
    }

    /** The ~1 KiB payload, the same every time. */
    public static Item item() {
        List<String> tags = new ArrayList<>();
        List<Long> counts = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            tags.add("tag-" + i + "-abcdefghijklmn");
            counts.add(1_000_003L * i);
        }
        return new Item(
                4_242_424_242L,
                "Sturdy wooden benchmark crate, large",
                1234.5,
                true,
                Collections.unmodifiableList(tags),
                Collections.unmodifiableList(counts),
                "x".repeat(520));
    }
}
