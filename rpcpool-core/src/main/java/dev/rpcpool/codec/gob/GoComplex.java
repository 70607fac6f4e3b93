package dev.rpcpool.codec.gob;

/**
 * A Go {@code complex128} (or {@code complex64}) value: Java has no complex type, so gob's complex
 * numbers map to this record, both ways, as struct fields, top-level values and interface values
 * (under Go's name {@code complex128}). Parts are kept bit for bit, NaN and −0.0 included; a Go
 * {@code complex64} receiving a part beyond {@code float32} range fails on the Go side, as Go's own
 * decoder checks. Immutable.
 *
 * @param real the real part
 * @param imag the imaginary part
 */
public record GoComplex(double real, double imag) {
    /** Go's zero complex number, {@code 0+0i}. */
    public static final GoComplex ZERO = new GoComplex(0, 0);

    @Override
    public String toString() {
        return "(" + real + (imag >= 0 || Double.isNaN(imag) ? "+" : "") + imag + "i)";
    }
}
