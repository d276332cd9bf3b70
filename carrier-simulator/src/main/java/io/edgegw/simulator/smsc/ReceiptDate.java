package io.edgegw.simulator.smsc;

import io.netty.buffer.ByteBuf;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

/**
 * Writes a receipt's "YYMMDDhhmm" date (SMPP 3.4 Appendix B) in the local time zone. Receipts of one minute share
 * their ten digits, so they are worked out once a minute, not per receipt. Event loop only.
 */
final class ReceiptDate {
    private final ZoneId zone;
    private final byte[] digits = new byte[10];
    private long minute = Long.MIN_VALUE;

    ReceiptDate(ZoneId zone) {
        this.zone = zone;
    }

    void write(ByteBuf out, long epochMillis) {
        long m = Math.floorDiv(epochMillis, 60_000L);
        if (m != minute) {
            LocalDateTime t = LocalDateTime.ofInstant(Instant.ofEpochSecond(m * 60), zone);
            put(0, t.getYear() % 100);
            put(2, t.getMonthValue());
            put(4, t.getDayOfMonth());
            put(6, t.getHour());
            put(8, t.getMinute());
            minute = m;
        }
        out.writeBytes(digits);
    }

    private void put(int at, int twoDigits) {
        digits[at] = (byte) ('0' + twoDigits / 10);
        digits[at + 1] = (byte) ('0' + twoDigits % 10);
    }
}
