package dev.rpcpool.codec.gob;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a field or record component holding a Java array or {@code List} as a Go fixed-size array
 * {@code [N]T}: it is sent with gob's array type of length {@code N} (a Go decoder refuses to read a
 * slice into an array), and a value with any other number of elements fails to encode with a
 * {@code CodecException} naming the field and both lengths. {@code byte[]} becomes Go's
 * {@code [N]byte} (a digest, say), {@code long[]} {@code [N]int}, {@code List<String>}
 * {@code [N]string}. Decoding needs no annotation: Go arrays decode into Java arrays, lists and
 * {@code byte[]} as they are.
 *
 * <pre>{@code record Block(@GobArray(32) byte[] hash, long height) {}   // Go: struct{ Hash [32]byte; Height int }}</pre>
 *
 * <p>Nested arrays and slices give one length per level, outermost first, {@link #SLICE} for a
 * level that is a Go slice:
 *
 * <pre>{@code
 * @GobArray({2, 3}) long[][] grid                   // Go: [2][3]int
 * @GobArray({GobArray.SLICE, 32}) List<byte[]> keys  // Go: [][32]byte
 * }</pre>
 *
 * <p>A level that is a Go map is {@link #MAP}: the levels after it describe the map's values (its
 * keys are mapped as usual), so arrays held in maps can be sent too:
 *
 * <pre>{@code
 * @GobArray({GobArray.MAP, 4}) Map<String, byte[]> tags                  // Go: map[string][4]byte
 * @GobArray({GobArray.SLICE, GobArray.MAP, 2}) List<Map<String, long[]>> // Go: []map[string][2]int
 * }</pre>
 *
 * <p>A {@code null} value is omitted, as Go omits zero fields; Go then reads an all-zero array.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface GobArray {
    /** A level of {@link #value()} that is a Go slice, not an array. */
    int SLICE = -1;

    /**
     * A level of {@link #value()} that is a Go map ({@code Map<K, V>} in Java): the next level is
     * that of its values. It cannot be the last level.
     */
    int MAP = -2;

    /**
     * The Go array's length {@code N} (zero or more); for nested arrays, slices or maps, one entry
     * per level, outermost first, {@link #SLICE} where a level is a slice, {@link #MAP} where it is a map.
     */
    int[] value();
}
