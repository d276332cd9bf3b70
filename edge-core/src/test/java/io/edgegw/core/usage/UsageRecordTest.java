package io.edgegw.core.usage;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.support.UsageSupport;
import io.edgegw.core.text.Alphabet;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsageRecordTest {
    @Test
    void anEventReadsBackAsWritten() {
        UsageRecord r = new UsageRecord(UsageRecord.ACCEPTED, "acme", 0x4a00000007L, 123456789L, 1_765_000_000_000L,
                3, "UCS2", 8, "447700900123", "44");
        Bytes<?> b = Bytes.elasticByteBuffer();
        try {
            UsageRecord.write(b, r);
            assertEquals(r, UsageRecord.read(b));
        } finally {
            b.releaseLast();
        }
    }

    @Test
    void routedFinalAndCallEventsReadBackAsWritten() {
        UsageRecord routed = new UsageRecord(UsageRecord.ROUTED, "acme", 0x4a00000009L, 123456789L, 1_765_000_000_500L,
                2, "GSM7", 0, "447700900123", "44", "telco-a", -1);
        UsageRecord done = new UsageRecord(UsageRecord.FINAL, "acme", 0x4a00000003L, 123456789L, 1_765_000_009_000L,
                0, "", 0, "", "", "", 2);
        Bytes<?> b = Bytes.elasticByteBuffer();
        try {
            UsageRecord call = new UsageRecord(UsageRecord.CALL, "acme", 0, 0, 1_765_000_010_000L, 0, "", 0,
                    "447700900123", "44", "first", -1, "a84b4c76e66710@pc33", 61);
            UsageRecord.write(b, routed);
            UsageRecord.write(b, done);
            UsageRecord.write(b, call);
            assertEquals(routed, UsageRecord.read(b));
            assertEquals(done, UsageRecord.read(b));
            assertEquals(call, UsageRecord.read(b));
            assertEquals(UsageRecord.Source.NONE, call.sourceOf());
            assertEquals(UsageRecord.Source.CORRELATIONS, routed.sourceOf());
            assertEquals(UsageRecord.Source.OUTBOUND, done.sourceOf());
        } finally {
            b.releaseLast();
        }
    }

    @Test
    void aVersionOneEventAsAnEarlierGatewayWroteItStillReads() {
        Bytes<?> b = Bytes.elasticByteBuffer();
        try {
            b.writeByte(UsageRecord.VERSION_1).writeByte(UsageRecord.ACCEPTED);
            b.write8bit("acme").writeLong(7L).writeLong(123456789L).writeLong(1_765_000_000_000L);
            b.writeStopBit(3).write8bit("UCS2").writeByte((byte) 8).write8bit("447700900123").write8bit("44");
            assertEquals(new UsageRecord(UsageRecord.ACCEPTED, "acme", 7L, 123456789L, 1_765_000_000_000L, 3, "UCS2",
                    8, "447700900123", "44", "", -1), UsageRecord.read(b));
        } finally {
            b.releaseLast();
        }
    }

    @Test
    void anUnknownVersionOrKindIsRefused() {
        Bytes<?> b = Bytes.elasticByteBuffer();
        try {
            b.writeByte((byte) 9);
            assertThrows(IllegalStateException.class, () -> UsageRecord.read(b));
            b.clear();
            b.writeByte(UsageRecord.VERSION).writeByte((byte) 9);
            assertThrows(IllegalStateException.class, () -> UsageRecord.read(b));
            b.clear();
            b.writeByte(UsageRecord.VERSION_1).writeByte(UsageRecord.ROUTED); // version 1 had ACCEPTED only
            assertThrows(IllegalStateException.class, () -> UsageRecord.read(b));
        } finally {
            b.releaseLast();
        }
    }

    @Test
    void destinationsAreTheirLeadingDigitsAtMostFifteen() {
        assertEquals("447700900123", UsageRecord.digits("+447700900123"));
        assertEquals("123456789012345", UsageRecord.digits("1234567890123456789"));
        assertEquals("", UsageRecord.digits("ACME"));
        assertEquals("12", UsageRecord.digits("12ab3"));
        assertEquals("", UsageRecord.digits("\u0663\u0663")); // Arabic-Indic digits are not E.164 digits
        assertEquals("", UsageRecord.digits(null));
    }

    @Test
    void countryCodesByTheE164Table() {
        assertEquals("1", CountryCode.of("14155550100"));
        assertEquals("7", CountryCode.of("79161234567"));
        assertEquals("44", CountryCode.of("447700900123"));
        assertEquals("33", CountryCode.of("33612345678"));
        assertEquals("86", CountryCode.of("8613800138000"));
        assertEquals("353", CountryCode.of("353861234567"));
        assertEquals("234", CountryCode.of("2348031234567"));
        assertEquals("971", CountryCode.of("971501234567"));
        assertEquals("380", CountryCode.of("380441234567"));
        assertEquals("1", CountryCode.of("1"));
        assertEquals("", CountryCode.of("0207946000"));
        assertEquals("", CountryCode.of("35"));
        assertEquals("", CountryCode.of(""));
    }

    @Test
    void segmentsCountedFromTheMessagesOctetsAndCoding() {
        assertEquals(1, SourceReader.segments(UsageSupport.gsm("44", 160), Alphabet.GSM7));
        assertEquals(2, SourceReader.segments(UsageSupport.gsm("44", 161), Alphabet.GSM7));
        assertEquals(2, SourceReader.segments(UsageSupport.gsm("44", 300), Alphabet.GSM7));
        assertEquals(3, SourceReader.segments(UsageSupport.gsm("44", 307), Alphabet.GSM7));
        assertEquals(1, SourceReader.segments(UsageSupport.ucs2("44", 70), Alphabet.UCS2));
        assertEquals(2, SourceReader.segments(UsageSupport.ucs2("44", 71), Alphabet.UCS2));
        // one part of a UDH-concatenated message (8-bit reference 7, part 1 of 3) counts one
        byte[] part = new byte[6 + 153];
        byte[] udh = {5, 0, 3, 7, 3, 1};
        System.arraycopy(udh, 0, part, 0, 6);
        ShortMessage m = new ShortMessage((byte) 1, (byte) 1, "1", (byte) 1, (byte) 1, "44", (byte) 0x40, (byte) 0,
                (byte) 0, (byte) 0, (byte) 0, part);
        assertEquals(1, SourceReader.segments(m, Alphabet.GSM7));
        // a UDH flag with a header longer than the message: accepted all the same, so it counts one
        ShortMessage bad = new ShortMessage((byte) 1, (byte) 1, "1", (byte) 1, (byte) 1, "44", (byte) 0x40,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, "\u0050ab".getBytes(StandardCharsets.ISO_8859_1));
        assertEquals(1, SourceReader.segments(bad, Alphabet.GSM7));
    }

    /** The journal's writer lays an event down octet for octet as Chronicle's own writes do, for any field values. */
    @Test
    void theWritersOctetsAreChroniclesOctets() {
        java.util.Random random = new java.util.Random(7);
        UsageRecord.Writer writer = new UsageRecord.Writer();
        long[] edges = {0, 1, 127, 128, 16383, 16384, Integer.MAX_VALUE, Long.MAX_VALUE, -1, -2, -128, -129,
            Long.MIN_VALUE};
        for (int k = 0; k < 2000; k++) {
            long any = k < edges.length ? edges[k] : random.nextLong() >> random.nextInt(64);
            String longText = "x".repeat(random.nextInt(200)) + "\u00e9"; // read refuses strings over 256
            UsageRecord r = new UsageRecord((byte) (1 + k % 5), k % 3 == 0 ? "" : "tenant-" + k, any, ~any,
                    any ^ 0x5555, k % 7 == 0 ? Integer.MAX_VALUE : random.nextInt(1000), "GSM7", k & 0xFF,
                    Long.toString(Math.abs(any)), k % 2 == 0 ? "44" : "", "carrier." + k,
                    k % 4 == 0 ? -1 : random.nextInt(256), k % 5 == 0 ? longText : "", Math.abs(any % 100_000));
            Bytes<?> expected = Bytes.elasticByteBuffer();
            Bytes<?> actual = Bytes.elasticByteBuffer();
            try {
                chronicleWrite(expected, r);
                writer.write(actual, r);
                assertEquals(expected.toHexString(), actual.toHexString(), "record " + k + ": " + r);
                assertEquals(r, UsageRecord.read(actual));
            } finally {
                expected.releaseLast();
                actual.releaseLast();
            }
        }
    }

    /** The event field by field with Chronicle's own writes: what the Writer must lay down, octet for octet. */
    private static void chronicleWrite(Bytes<?> out, UsageRecord r) {
        out.writeByte(UsageRecord.VERSION);
        out.writeByte(r.kind());
        out.write8bit(r.tenantId());
        out.writeLong(r.sourceIndex());
        out.writeLong(r.gatewayId());
        out.writeLong(r.acceptedMillis());
        out.writeStopBit(r.segments());
        out.write8bit(r.alphabet());
        out.writeByte((byte) r.dataCoding());
        out.write8bit(r.destination());
        out.write8bit(r.country());
        out.write8bit(r.carrierId());
        out.writeStopBit(r.messageState());
        out.write8bit(r.callId());
        out.writeStopBit(r.seconds());
    }
}
