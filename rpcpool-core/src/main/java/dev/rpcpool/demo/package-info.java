/**
 * Demo services matching {@code interop/go/goserver} ({@code Arith}, {@code Echo}, {@code Sleep}) and
 * their argument types, for examples, the CLI, benchmarks and tests.
 */
package dev.rpcpool.demo;
