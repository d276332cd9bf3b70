package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;

/** Numbers written as ASCII digits straight into a buffer, without a String in between. */
public final class Digits {
    private static final byte[] HEX = "0123456789abcdef".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Digits() {
    }

    /** {@code value} in decimal, as {@link Long#toString(long)} would spell it (non-negative values). */
    public static void decimal(ByteBuf out, long value) {
        decimal(out, value, 1);
    }

    /** {@code value} in decimal, zero-padded on the left to at least {@code width} digits (non-negative values). */
    public static void decimal(ByteBuf out, long value, int width) {
        if (value < 0) {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = decimalLength(value);
        for (int i = digits; i < width; i++) {
            out.writeByte('0');
        }
        int at = out.writerIndex() + digits;
        out.ensureWritable(digits);
        for (long v = value; at > out.writerIndex(); v /= 10) {
            out.setByte(--at, (int) ('0' + v % 10));
        }
        out.writerIndex(out.writerIndex() + digits);
    }

    /** {@code value} in lower-case hexadecimal, as {@link Long#toHexString(long)} would spell it. */
    public static void hex(ByteBuf out, long value) {
        int digits = Math.max(1, (64 - Long.numberOfLeadingZeros(value) + 3) / 4);
        for (int shift = (digits - 1) * 4; shift >= 0; shift -= 4) {
            out.writeByte(HEX[(int) (value >>> shift) & 0xF]);
        }
    }

    /** How many characters {@link #decimal(ByteBuf, long)} writes for {@code value} (non-negative). */
    public static int decimalLength(long value) {
        int digits = 1;
        for (long v = value / 10; v != 0; v /= 10) {
            digits++;
        }
        return digits;
    }
}
