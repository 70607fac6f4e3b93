package dev.rpcpool.demo;

/**
 * The classic {@code net/rpc} example service, as in {@code interop/go/goserver}: {@code Arith.Multiply}
 * and {@code Arith.Divide}. Thread-safe (stateless).
 */
public final class Arith {
    /** {@code a * b} (Go's {@code int} is 64-bit; so is the reply). */
    public long multiply(Args args) {
        return (long) args.a() * args.b();
    }

    /**
     * Quotient and remainder of {@code a / b}.
     *
     * @throws IllegalArgumentException {@code "divide by zero"} when {@code b == 0}, Go's error text
     */
    public Quotient divide(Args args) {
        if (args.b() == 0) {
            throw new IllegalArgumentException("divide by zero");
        }
        return new Quotient(args.a() / args.b(), args.a() % args.b());
    }
}
