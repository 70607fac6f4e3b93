/**
 * Go's {@code encoding/gob}, the default codec of {@code net/rpc}: {@link dev.rpcpool.codec.gob.GobCodec}
 * plugs into rpcpool's client and server; {@link dev.rpcpool.codec.gob.GobEncoder} and
 * {@link dev.rpcpool.codec.gob.GobDecoder} read and write gob streams directly.
 * {@code dev.rpcpool.codec.gob.internal} is implementation: do not use it.
 */
package dev.rpcpool.codec.gob;
