package dev.rpcpool.codec.gob.internal;

import java.time.Instant;

/**
 * Go's {@code time.Time.MarshalBinary} form (what its {@code GobEncode} sends): version byte 1,
 * seconds since January 1, year 1 UTC (int64 big-endian), nanoseconds (int32), zone offset in
 * minutes (int16, -1 for UTC); version 2 adds a byte of offset seconds. Instants carry no zone, so
 * they are sent as UTC; a received offset only affects the wall clock, not the instant.
 */
public final class GoTime {
    /** Seconds from Go's epoch (0001-01-01T00:00:00Z) to the Unix epoch. */
    static final long UNIX_TO_GO = 62_135_596_800L;
    /** Go's zero {@code time.Time}, which Go omits from structs as a zero value. */
    public static final Instant ZERO = Instant.ofEpochSecond(-UNIX_TO_GO);

    private GoTime() {}

    static byte[] marshal(Instant t) {
        long sec = Math.addExact(t.getEpochSecond(), UNIX_TO_GO);
        int nanos = t.getNano();
        byte[] b = new byte[15];
        b[0] = 1;
        for (int i = 0; i < 8; i++) {
            b[1 + i] = (byte) (sec >>> (56 - 8 * i));
        }
        for (int i = 0; i < 4; i++) {
            b[9 + i] = (byte) (nanos >>> (24 - 8 * i));
        }
        b[13] = (byte) 0xFF; // offset -1: UTC
        b[14] = (byte) 0xFF;
        return b;
    }

    static Instant unmarshal(GobInput in, byte[] b) {
        if (b.length == 0 || (b[0] != 1 && b[0] != 2) || b.length != (b[0] == 1 ? 15 : 16)) {
            throw in.error("invalid time.Time binary form (" + b.length + " bytes, version "
                    + (b.length == 0 ? "none" : b[0]) + ")");
        }
        long sec = 0;
        for (int i = 1; i <= 8; i++) {
            sec = (sec << 8) | (b[i] & 0xFF);
        }
        int nanos = 0;
        for (int i = 9; i <= 12; i++) {
            nanos = (nanos << 8) | (b[i] & 0xFF);
        }
        if (nanos < 0 || nanos > 999_999_999) {
            throw in.error("invalid time.Time nanoseconds " + nanos);
        }
        try {
            return Instant.ofEpochSecond(Math.subtractExact(sec, UNIX_TO_GO), nanos);
        } catch (ArithmeticException | java.time.DateTimeException e) {
            throw in.error("time.Time seconds " + sec + " out of Instant's range");
        }
    }
}
