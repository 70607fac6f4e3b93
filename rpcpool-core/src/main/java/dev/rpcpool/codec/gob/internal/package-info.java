/**
 * The gob engine behind {@link dev.rpcpool.codec.gob.GobCodec}: wire primitives
 * ({@code GobOutput}, {@code GobInput}), type definitions ({@code WireType}), per-stream state
 * ({@code StreamEncoder}, {@code StreamDecoder}), the Java mapping ({@code JavaTypes} and the
 * {@code JType} family) and the net/rpc client and server codecs. Implementation only: not a
 * public API, and it changes without notice.
 */
package dev.rpcpool.codec.gob.internal;
