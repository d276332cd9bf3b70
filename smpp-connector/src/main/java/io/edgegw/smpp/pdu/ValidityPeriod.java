package io.edgegw.smpp.pdu;

import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * A submit_sm's validity_period (SMPP 3.4 section 7.1.1) as the epoch millisecond it ends at. Absolute:
 * {@code YYMMDDhhmmsstnnp}, local time with {@code nn} quarter hours ahead ({@code +}) or behind ({@code -}) UTC.
 * Relative: {@code YYMMDDhhmmss000R}, years, months, days, hours, minutes and seconds from now (the tenths and
 * quarter-hour digits are ignored, as SMSCs do; all zeros is read as none, the SMSC default, rather than "expired
 * already"). jSMPP's decoder has already refused any length but 0 or 16; this
 * refuses what is not a time at all, so the tenant is told {@code ESME_RINVEXPIRY} instead of an expiry never applied.
 */
public final class ValidityPeriod {
    /** No validity_period: the tenant's own maximum age applies. */
    public static final long NONE = 0;
    /** Not a time of either format. */
    public static final long MALFORMED = -1;

    private ValidityPeriod() {
    }

    /** @return the end as epoch millis, {@link #NONE} when empty, {@link #MALFORMED} when it is not a valid time */
    public static long parse(String value, long nowMillis) {
        if (value == null || value.isEmpty()) {
            return NONE;
        }
        if (value.length() != 16) {
            return MALFORMED;
        }
        for (int i = 0; i < 15; i++) {
            if (value.charAt(i) < '0' || value.charAt(i) > '9') {
                return MALFORMED;
            }
        }
        char p = value.charAt(15);
        return p == 'R' ? relative(value, nowMillis) : p == '+' || p == '-' ? absolute(value, p) : MALFORMED;
    }

    private static long absolute(String v, char sign) {
        int quarters = two(v, 13);
        if (quarters > 56) { // SMPP 3.4 says 00-48, but UTC+14 (Kiribati) exists and peers write its 56
            return MALFORMED;
        }
        try {
            // two-digit years are this century's: SMPP 3.4 has no other reading
            LocalDateTime local = LocalDateTime.of(2000 + two(v, 0), two(v, 2), two(v, 4), two(v, 6), two(v, 8),
                    two(v, 10), (v.charAt(12) - '0') * 100_000_000);
            ZoneOffset offset = ZoneOffset.ofTotalSeconds((sign == '+' ? 1 : -1) * quarters * 15 * 60);
            return local.toInstant(offset).toEpochMilli();
        } catch (DateTimeException e) { // month 13, 30 February, hour 25, ...
            return MALFORMED;
        }
    }

    /** Calendar arithmetic in UTC, so a month from 31 January is the end of February, as java.time has it. */
    private static long relative(String v, long nowMillis) {
        if (v.startsWith("000000000000")) {
            return NONE;
        }
        LocalDateTime end = LocalDateTime.ofEpochSecond(Math.floorDiv(nowMillis, 1000L),
                        (int) Math.floorMod(nowMillis, 1000L) * 1_000_000, ZoneOffset.UTC)
                .plusYears(two(v, 0)).plusMonths(two(v, 2)).plusDays(two(v, 4))
                .plusHours(two(v, 6)).plusMinutes(two(v, 8)).plusSeconds(two(v, 10));
        return end.toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    private static int two(String v, int at) {
        return (v.charAt(at) - '0') * 10 + (v.charAt(at + 1) - '0');
    }
}
