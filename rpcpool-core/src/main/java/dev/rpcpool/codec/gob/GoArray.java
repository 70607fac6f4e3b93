package dev.rpcpool.codec.gob;

import java.lang.reflect.Array;
import java.util.List;
import java.util.Objects;

/**
 * A value sent as a Go fixed-size array {@code [length]T} where no field can carry
 * {@link GobArray}: an RPC argument or a service method's reply that is itself an array, such as
 * a {@code [32]byte} digest. A Go decoder refuses a slice where it expects an array, and Java
 * arrays and lists are otherwise sent as slices.
 *
 * <pre>{@code
 * // Go: func (s *Store) Get(key [32]byte, reply *Entry) error
 * Entry e = pool.call("Store.Get", new GoArray(32, digest), Entry.class);
 * }</pre>
 *
 * <p>Decoding needs nothing: a Go array decodes into a Java array, {@code List} or {@code byte[]}.
 * Only the gob codec understands it. Immutable (the elements are the caller's).
 *
 * @param length the Go array's length
 * @param elements a Java array (a {@code byte[]} becomes {@code [N]byte}) or {@code List} of exactly
 *     {@code length} elements
 * @throws IllegalArgumentException if {@code elements} is no array or list, or its length is not {@code length}
 */
public record GoArray(int length, Object elements) {
    public GoArray {
        Objects.requireNonNull(elements, "elements");
        int n;
        if (elements instanceof List<?> list) {
            n = list.size();
        } else if (elements.getClass().isArray()) {
            n = Array.getLength(elements);
        } else {
            throw new IllegalArgumentException("GoArray elements must be a Java array or a List, not "
                    + elements.getClass().getName());
        }
        if (n != length) {
            throw new IllegalArgumentException("GoArray of length " + length + " given " + n + " element"
                    + (n == 1 ? "" : "s"));
        }
    }
}
