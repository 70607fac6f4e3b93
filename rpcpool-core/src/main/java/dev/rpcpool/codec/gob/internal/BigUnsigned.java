package dev.rpcpool.codec.gob.internal;

import java.math.BigInteger;

/** {@code BigInteger} ↔ Go {@code uint64}: holds the whole unsigned range; encoding checks it. */
final class BigUnsigned extends JType {
    private static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);

    BigUnsigned() {
        super(BigInteger.class);
    }

    @Override
    public int wireId(StreamEncoder enc) {
        return WireType.UINT;
    }

    @Override
    public void encode(StreamEncoder enc, GobOutput out, Object v) {
        BigInteger b = (BigInteger) v;
        if (b.signum() < 0 || b.compareTo(TWO_64) >= 0) {
            throw new dev.rpcpool.codec.CodecException("gob: BigInteger " + b + " is outside Go's uint64 range");
        }
        out.writeUint(b.longValue());
    }

    @Override
    public boolean isZero(Object v) {
        return v == null || ((BigInteger) v).signum() == 0;
    }

    @Override
    public Dec decoder(StreamDecoder dec, int wireId) {
        if (wireId == WireType.UINT) {
            return in -> toBig(in.readUint());
        }
        if (wireId == WireType.INT) {
            return in -> BigInteger.valueOf(in.readInt());
        }
        throw mismatch(dec, wireId);
    }

    static BigInteger toBig(long unsigned) {
        BigInteger b = BigInteger.valueOf(unsigned & Long.MAX_VALUE);
        return unsigned < 0 ? b.setBit(63) : b;
    }
}
