package io.edgegw.smpp.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TimeFieldTest {
    private static final long NOW = LocalDateTime.of(2026, 12, 7, 14, 0, 0).toInstant(ZoneOffset.UTC).toEpochMilli();

    /** The C-Octet String written, without its NUL (and checking it is there). */
    private static String written(long validUntil, long maxValidity) {
        ByteBuf out = Unpooled.buffer();
        TimeField.validity(out, validUntil, maxValidity, NOW);
        assertEquals(0, out.getByte(out.writerIndex() - 1), "NUL-terminated");
        return out.toString(0, out.writerIndex() - 1, StandardCharsets.US_ASCII);
    }

    @Test
    void noValidityAndNoCarrierMaximumIsEmpty() {
        assertEquals("", written(0, 0));
    }

    @Test
    void whatIsLeftIsWrittenRelativeInDaysHoursMinutesSeconds() {
        long left = ((2 * 24 + 3) * 3600 + 4 * 60 + 5) * 1000L + 999; // the part of a second is dropped
        assertEquals("000002030405000R", written(NOW + left, 0));
        assertEquals(left / 1000, ValidityPeriod.parse(written(NOW + left, 0), NOW) / 1000 - NOW / 1000,
                "the gateway's own parser reads it back");
    }

    @Test
    void theCarrierMaximumClipsALongerValidityAndStandsInForNone() {
        assertEquals("000000001000000R", written(NOW + 86_400_000L, 600_000));
        assertEquals("000000001000000R", written(0, 600_000));
        assertEquals("000000000200000R", written(NOW + 120_000, 600_000), "a shorter one of its own wins");
    }

    @Test
    void aValidityEndingNowIsWrittenAsOneSecondNotAsNone() {
        assertEquals("000000000001000R", written(NOW, 0));
        assertEquals("000000000001000R", written(NOW - 5000, 0));
    }

    @Test
    void beyondWhatTheRelativeFormCarriesItIsWrittenAbsoluteInUtc() {
        long end = LocalDateTime.of(2027, 6, 1, 8, 30, 15).toInstant(ZoneOffset.UTC).toEpochMilli() + 700;
        assertEquals("270601083015700+", written(end, 0));
        assertEquals(end - 700 + 700, ValidityPeriod.parse(written(end, 0), NOW));
        long edge = NOW + TimeField.RELATIVE_MAX_SECONDS * 1000;
        assertEquals("000099235959000R", written(edge, 0));
    }
}
