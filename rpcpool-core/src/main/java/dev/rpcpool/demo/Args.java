package dev.rpcpool.demo;

/** The arguments of {@code Arith.Multiply} and {@code Arith.Divide}: Go's {@code struct{ A, B int }}. Immutable. */
public record Args(int a, int b) {}
