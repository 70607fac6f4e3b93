package dev.rpcpool.codec.gob;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code long} (or {@code Long}) field or record component as a Go unsigned integer
 * ({@code uint}, {@code uint64}, ...): it is sent as gob's unsigned type and holds the full 64-bit
 * range as two's-complement bits (read it with {@link Long#toUnsignedString(long)}). Without it, a
 * Go unsigned value above {@link Long#MAX_VALUE} fails to decode with a {@code CodecException}
 * naming the field.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface GobUnsigned {}
