package io.edgegw.smpp.pdu;

import io.netty.buffer.ByteBuf;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Writes an SMPP 3.4 time field (section 7.1) as the C-Octet String a PDU carries. Toward a carrier the gateway
 * writes a validity as <em>relative</em> time ({@code 0000DDhhmmss000R}), computed when the submit_sm is written from
 * what is left of the message's validity: it needs no agreement between the two clocks or on time zones (which
 * SMSCs read unevenly), and a retry is sent with what is left then, never the whole again. Only a validity beyond
 * what the relative form writes without months and years (99 days 23:59:59, which SMSCs count unevenly) is written
 * absolute, in UTC ({@code YYMMDDhhmmsst00+}). Written digit by digit, so the message path allocates nothing.
 */
public final class TimeField {
    /** The longest remaining time written in relative form. */
    static final long RELATIVE_MAX_SECONDS = 99 * 86_400L + 23 * 3600 + 59 * 60 + 59;

    private TimeField() {
    }

    /**
     * The validity_period toward a carrier: empty when the message has none and the carrier no bound.
     *
     * @param validUntilMillis  the message's validity end (epoch ms), 0 for none
     * @param maxValidityMillis the carrier's longest validity, 0 for no bound
     */
    public static void validity(ByteBuf out, long validUntilMillis, long maxValidityMillis, long nowMillis) {
        long end = validUntilMillis;
        if (maxValidityMillis > 0 && (end == 0 || end - nowMillis > maxValidityMillis)) {
            end = nowMillis + maxValidityMillis;
        }
        if (end == 0) {
            out.writeByte(0);
            return;
        }
        long seconds = Math.max(1, (end - nowMillis) / 1000); // the dispatcher ended it if it were already past
        if (seconds <= RELATIVE_MAX_SECONDS) {
            relative(out, seconds);
        } else {
            absoluteUtc(out, end);
        }
    }

    private static void relative(ByteBuf out, long seconds) {
        out.writeByte('0').writeByte('0').writeByte('0').writeByte('0'); // years, months: never used
        two(out, (int) (seconds / 86_400));
        two(out, (int) (seconds / 3600 % 24));
        two(out, (int) (seconds / 60 % 60));
        two(out, (int) (seconds % 60));
        out.writeByte('0').writeByte('0').writeByte('0').writeByte('R').writeByte(0);
    }

    private static void absoluteUtc(ByteBuf out, long epochMillis) {
        LocalDateTime t = LocalDateTime.ofEpochSecond(Math.floorDiv(epochMillis, 1000L), 0, ZoneOffset.UTC);
        two(out, t.getYear() % 100);
        two(out, t.getMonthValue());
        two(out, t.getDayOfMonth());
        two(out, t.getHour());
        two(out, t.getMinute());
        two(out, t.getSecond());
        out.writeByte('0' + (int) (Math.floorMod(epochMillis, 1000L) / 100));
        out.writeByte('0').writeByte('0').writeByte('+').writeByte(0);
    }

    private static void two(ByteBuf out, int value) {
        out.writeByte('0' + value / 10).writeByte('0' + value % 10);
    }
}
