package dev.rpcpool.codec.gob;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Overrides the gob name of a field or record component (by default its Java name with the first
 * letter capitalised, as Go's exported field names are), or the type name a class is given in the
 * type definitions it sends (by default its simple name; Go ignores type names when decoding).
 *
 * <pre>{@code record Reply(@GobName("URL") String url, int count) {}   // Go: struct{ URL string; Count int }}</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface GobName {
    /** The exact name on the wire; Go only exchanges exported (capitalised) fields. */
    String value();
}
