package io.edgegw.smpp.pdu;

import org.jsmpp.util.AbsoluteTimeFormatter;
import org.jsmpp.util.RelativeTimeFormatter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Calendar;
import java.util.TimeZone;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** validity_period as jSMPP's own formatters write it (SMPP 3.4 section 7.1.1), and what is not a time. */
class ValidityPeriodTest {
    private static final long NOW = Instant.parse("2024-01-31T10:00:00.250Z").toEpochMilli();

    @Test
    void anAbsoluteTimeIsReadInItsOwnOffsetAheadOrBehindUtc() {
        for (String zone : new String[] {"UTC", "Asia/Kolkata", "America/St_Johns", "Pacific/Kiritimati"}) {
            Calendar c = Calendar.getInstance(TimeZone.getTimeZone(zone));
            c.setTimeInMillis(Instant.parse("2024-03-01T12:34:56.700Z").toEpochMilli());
            String v = new AbsoluteTimeFormatter().format(c);
            assertEquals(Instant.parse("2024-03-01T12:34:56.700Z").toEpochMilli(), ValidityPeriod.parse(v, NOW), v);
        }
        assertEquals(Instant.parse("2024-03-01T10:00:00Z").toEpochMilli(),
                ValidityPeriod.parse("240301120000008+", NOW)); // 8 quarter hours = UTC+2
        assertEquals(Instant.parse("2024-03-01T14:00:00Z").toEpochMilli(),
                ValidityPeriod.parse("240301120000008-", NOW));
    }

    @Test
    void aRelativeTimeCountsFromNowByTheCalendar() {
        assertEquals(NOW + 2_000, ValidityPeriod.parse(RelativeTimeFormatter.format(0, 0, 0, 0, 0, 2), NOW));
        assertEquals(NOW + 90 * 60_000 + 5_000,
                ValidityPeriod.parse(RelativeTimeFormatter.format(0, 0, 0, 1, 30, 5), NOW));
        // a month from 31 January is the last day of February (2024 is a leap year)
        assertEquals(Instant.parse("2024-02-29T10:00:00.250Z").toEpochMilli(),
                ValidityPeriod.parse("000100000000000R", NOW));
        assertEquals(Instant.parse("2025-01-31T10:00:00.250Z").toEpochMilli(),
                ValidityPeriod.parse("010000000000000R", NOW));
        assertEquals(NOW + 99 * 86_400_000L, ValidityPeriod.parse("000099000000000R", NOW), "any two digits count");
    }

    @Test
    void emptyOrAllZeroRelativeIsNone() {
        assertEquals(ValidityPeriod.NONE, ValidityPeriod.parse(null, NOW));
        assertEquals(ValidityPeriod.NONE, ValidityPeriod.parse("", NOW));
        assertEquals(ValidityPeriod.NONE, ValidityPeriod.parse("000000000000000R", NOW));
    }

    @Test
    void whatIsNotATimeIsMalformed() {
        for (String bad : new String[] {"240230120000000+", "241301120000000-", "240100120000000+",
                "240101250000000+", "240101126000000+", "240101120060000+", "240101120000057+", "240101120000000X",
                "2401011200000ab+", "24010112000000+", "2401011200000000+", "                ", "-40101120000000R",
                "24010112000000\u0660+"}) {
            assertEquals(ValidityPeriod.MALFORMED, ValidityPeriod.parse(bad, NOW), bad);
        }
    }
}
