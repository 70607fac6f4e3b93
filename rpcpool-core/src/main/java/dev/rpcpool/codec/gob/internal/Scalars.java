package dev.rpcpool.codec.gob.internal;

import dev.rpcpool.codec.gob.GoComplex;
import java.lang.reflect.Type;
import java.time.Instant;

/** The Java types that map to gob's predefined types, and {@code Instant} ↔ {@code time.Time}. */
final class Scalars {
    private Scalars() {}

    static final class Bool extends JType {
        Bool(Type t) {
            super(t);
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return WireType.BOOL;
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            out.writeBool((Boolean) v);
        }

        @Override
        public boolean isZero(Object v) {
            return v == null || !(Boolean) v;
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            if (wireId != WireType.BOOL) {
                throw mismatch(dec, wireId);
            }
            return in -> in.readBool();
        }
    }

    /** Java {@code byte/short/int/long} and boxes, Go's signed integers; or unsigned with {@code @GobUnsigned}. */
    static final class Int extends JType {
        final int bits;
        final boolean unsigned;

        Int(Type t, int bits, boolean unsigned) {
            super(t);
            this.bits = bits;
            this.unsigned = unsigned;
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return unsigned ? WireType.UINT : WireType.INT;
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            long x = ((Number) v).longValue();
            if (unsigned) {
                out.writeUint(x);
            } else {
                out.writeInt(x);
            }
        }

        @Override
        public boolean isZero(Object v) {
            return v == null || ((Number) v).longValue() == 0;
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            if (wireId != WireType.INT && wireId != WireType.UINT) {
                throw mismatch(dec, wireId);
            }
            boolean wireUnsigned = wireId == WireType.UINT;
            return switch (bits) {
                case 8 -> in -> (byte) read(in, wireUnsigned);
                case 16 -> in -> (short) read(in, wireUnsigned);
                case 32 -> in -> (int) read(in, wireUnsigned);
                default -> in -> read(in, wireUnsigned);
            };
        }

        /** Reads a wire integer and checks it fits this Java type (never truncates silently). */
        long read(GobInput in, boolean wireUnsigned) {
            long v = wireUnsigned ? in.readUint() : in.readInt();
            if (unsigned) {
                if (!wireUnsigned && v < 0) {
                    throw in.error("negative value " + v + " for unsigned Java " + javaType.getTypeName());
                }
                return v;
            }
            if (wireUnsigned && v < 0) {
                throw in.error("Go unsigned value " + Long.toUnsignedString(v) + " overflows Java "
                        + javaType.getTypeName() + " (annotate a long with @GobUnsigned to hold the full uint64 range)");
            }
            if (bits < 64 && (v < -(1L << (bits - 1)) || v >= (1L << (bits - 1)))) {
                throw in.error("value " + v + " overflows Java " + javaType.getTypeName());
            }
            return v;
        }
    }

    static final class Float extends JType {
        final boolean single;

        Float(Type t, boolean single) {
            super(t);
            this.single = single;
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return WireType.FLOAT;
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            out.writeFloat(((Number) v).doubleValue());
        }

        @Override
        public boolean isZero(Object v) {
            return v == null || ((Number) v).doubleValue() == 0; // -0.0 too, as Go compares f != 0
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            if (wireId != WireType.FLOAT) {
                throw mismatch(dec, wireId);
            }
            return single ? in -> read32(in) : GobInput::readFloat;
        }

        static float read32(GobInput in) {
            double d = in.readFloat();
            if (Double.isFinite(d) && Math.abs(d) > java.lang.Float.MAX_VALUE) {
                throw in.error("value " + d + " overflows Java float");
            }
            return (float) d;
        }
    }

    /** {@code GoComplex} ↔ Go {@code complex128}/{@code complex64}: two floats, real part first. */
    static final class Complex extends JType {
        Complex(Type t) {
            super(t);
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return WireType.COMPLEX;
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            GoComplex c = (GoComplex) v;
            out.writeFloat(c.real());
            out.writeFloat(c.imag());
        }

        @Override
        public boolean isZero(Object v) {
            // Go omits a complex field when c == 0, which -0.0 parts satisfy too
            return v == null || (((GoComplex) v).real() == 0 && ((GoComplex) v).imag() == 0);
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            if (wireId != WireType.COMPLEX) {
                throw mismatch(dec, wireId);
            }
            return Complex::read;
        }

        static GoComplex read(GobInput in) {
            double real = in.readFloat();
            return new GoComplex(real, in.readFloat());
        }
    }

    static final class Str extends JType {
        Str(Type t) {
            super(t);
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return WireType.STRING;
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            out.writeString((String) v);
        }

        @Override
        public boolean isZero(Object v) {
            return v == null || ((String) v).isEmpty();
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            if (wireId != WireType.STRING) {
                throw mismatch(dec, wireId);
            }
            return GobInput::readString;
        }
    }

    static final class Bytes extends JType {
        Bytes(Type t) {
            super(t);
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return WireType.BYTES;
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            out.writeBytes((byte[]) v);
        }

        @Override
        public boolean isZero(Object v) {
            return v == null || ((byte[]) v).length == 0;
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            if (wireId == WireType.BYTES) {
                return GobInput::readBytes;
            }
            // a Go [N]byte (or [N]int8) array: a count, then each byte as a gob integer
            WireType w = dec.definedOrNull(wireId);
            if (w == null || w.kind != WireType.Kind.ARRAY || (w.elem != WireType.UINT && w.elem != WireType.INT)) {
                throw mismatch(dec, wireId);
            }
            boolean unsigned = w.elem == WireType.UINT;
            String goType = "a Go [" + w.len + "] array of " + (unsigned ? "uint" : "int");
            return in -> {
                int n = in.readCount("array element");
                byte[] a = new byte[n];
                for (int i = 0; i < n; i++) {
                    long x = unsigned ? in.readUint() : in.readInt();
                    if (unsigned ? x < 0 || x > 0xFF : x < Byte.MIN_VALUE || x > Byte.MAX_VALUE) {
                        throw in.error("element " + i + " of " + goType + " is " + (unsigned ? Long.toUnsignedString(x) : x)
                                + ", which does not fit a byte");
                    }
                    a[i] = (byte) x;
                }
                return a;
            };
        }
    }

    /** {@code Instant} ↔ Go {@code time.Time}, a {@code GobEncoder} sending its binary form. */
    static final class Time extends JType {
        Time(Type t) {
            super(t);
        }

        @Override
        public int wireId(StreamEncoder enc) {
            return enc.defineType(this);
        }

        @Override
        public WireType wireType(StreamEncoder enc) {
            return WireType.opaque(WireType.Kind.GOB_ENCODER, "Time");
        }

        @Override
        public void encode(StreamEncoder enc, GobOutput out, Object v) {
            out.writeBytes(GoTime.marshal((Instant) v));
        }

        @Override
        public boolean isZero(Object v) {
            return v == null || GoTime.ZERO.equals(v);
        }

        @Override
        public Dec decoder(StreamDecoder dec, int wireId) {
            WireType w = dec.definedOrNull(wireId);
            if (w == null || !w.isOpaque()) {
                throw mismatch(dec, wireId);
            }
            return in -> GoTime.unmarshal(in, in.readBytes());
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Time;
        }

        @Override
        public int hashCode() {
            return 17;
        }
    }
}
