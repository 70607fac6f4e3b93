package dev.rpcpool.demo;

/** The reply of {@code Arith.Divide}: Go's {@code struct{ Quo, Rem int }}. Immutable. */
public record Quotient(int quo, int rem) {}
