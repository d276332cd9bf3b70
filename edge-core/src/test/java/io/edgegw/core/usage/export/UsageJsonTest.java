package io.edgegw.core.usage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.usage.UsageRecord;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UsageJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_765_123_456_789L; // 2025-12-07T16:04:16.789Z

    private static JsonNode line(UsageRecord r) throws Exception {
        return JSON.readTree(render(new UsageJson(), 0x2AL, r));
    }

    /** The line of {@code r} as the export makes it: written to journal octets, read back from them, rendered. */
    static String render(UsageJson json, long journalIndex, UsageRecord r) {
        Bytes<?> b = Bytes.allocateElasticOnHeap(512);
        UsageRecord.write(b, r);
        json.read(b);
        assertTrue(json.next());
        assertEquals(-1, json.ordinal());
        json.render(journalIndex);
        String line = json.lineString();
        assertFalse(json.next(), "one event in the document");
        return line;
    }

    /**
     * A document of several events: each read in turn, each line the String renderer's with an id of its own (the
     * document's index, a dash, its place in it), up to the largest batch.
     */
    @Test
    void aBatchDocumentGivesEachEventItsLineAndItsOwnId() {
        java.util.Random random = new java.util.Random(16);
        UsageJson json = new UsageJson();
        for (int size : new int[] {2, 17, UsageRecord.MAX_BATCH}) {
            UsageRecord[] events = new UsageRecord[size];
            for (int k = 0; k < size; k++) {
                events[k] = new UsageRecord(k % 2 == 0 ? UsageRecord.ACCEPTED : UsageRecord.FINAL, text(random),
                        k, random.nextLong(), T + k, k, "GSM7", 0, "4477" + k, "44", "", k % 2 == 0 ? -1 : 2);
            }
            Bytes<?> b = Bytes.allocateElasticOnHeap(512);
            new UsageRecord.Writer().writeBatch(b, events, size);
            assertEquals(events.length, UsageRecord.readDocument(Bytes.wrapForRead(b.toByteArray()), null).size());
            json.read(b);
            for (int k = 0; k < size; k++) {
                assertTrue(json.next(), "event " + k);
                assertEquals(k, json.ordinal());
                assertEquals(k == size - 1, json.last());
                json.render(0x2AL);
                String id = UsageJson.eventId(0x2AL, k);
                assertEquals(String.format("000000000000002a-%02x", k), id);
                assertEquals(StringJson.render(0x2AL, events[k]).replace("\"000000000000002a\"", "\"" + id + "\""),
                        json.lineString());
            }
            assertFalse(json.next());
        }
    }

    /**
     * Random events of every kind, strings of any Latin-1 octet (quotes, backslashes, control characters, octets
     * above 0x7F): the line rendered from the journal's octets is the one the String renderer made before, octet for
     * octet, through one reused renderer.
     */
    @Test
    void theLineFromTheJournalsOctetsIsTheOneTheStringRendererMade() {
        java.util.Random random = new java.util.Random(14);
        UsageJson json = new UsageJson();
        byte[] kinds = {UsageRecord.ACCEPTED, UsageRecord.ROUTED, UsageRecord.FINAL, UsageRecord.MO, UsageRecord.CALL};
        for (int k = 0; k < 20_000; k++) {
            byte kind = kinds[random.nextInt(kinds.length)];
            UsageRecord r = new UsageRecord(kind, text(random), random.nextLong(), random.nextLong(),
                    random.nextLong() % 253_402_300_799_999L, random.nextInt(Integer.MAX_VALUE), text(random),
                    random.nextInt(256), text(random), text(random), text(random),
                    kind == UsageRecord.FINAL ? random.nextInt(10) : -1, text(random),
                    random.nextInt(3) == 0 ? 0 : random.nextLong() & Long.MAX_VALUE);
            long index = random.nextLong();
            assertEquals(StringJson.render(index, r), render(json, index, r), "event " + r);
        }
    }

    /** Any cut or flipped octet of an event is read as an event or refused with IllegalStateException, never more. */
    @Test
    void aDamagedEventIsRefusedAsUnreadable() {
        java.util.Random random = new java.util.Random(15);
        UsageJson json = new UsageJson();
        int refused = 0;
        for (int k = 0; k < 20_000; k++) {
            Bytes<?> b = Bytes.allocateElasticOnHeap(512);
            UsageRecord.write(b, new UsageRecord(UsageRecord.CALL, "acme", 3, 4, T, 0, "", 0, "3312", "33",
                    "trunk-1", -1, "call-" + k, k));
            byte[] octets = b.toByteArray();
            int cut = random.nextInt(octets.length + 1);
            if (random.nextBoolean() && cut < octets.length) {
                octets[cut] = (byte) random.nextInt(256);
                cut = octets.length;
            }
            try {
                json.read(Bytes.wrapForRead(java.util.Arrays.copyOf(octets, cut)));
                if (json.next()) {
                    json.render(k);
                }
            } catch (IllegalStateException unreadable) {
                refused++;
            }
        }
        assertTrue(refused > 5_000, refused + " refused");
    }

    private static String text(java.util.Random random) {
        int length = random.nextInt(4) == 0 ? 0 : random.nextInt(20);
        char[] c = new char[length];
        for (int i = 0; i < length; i++) {
            c[i] = random.nextInt(3) == 0 ? (char) random.nextInt(256) : (char) ('a' + random.nextInt(26));
        }
        return new String(c);
    }

    @Test
    void everyKindHasItsFieldsAfterIdKindTimeAndTenant() throws Exception {
        JsonNode routed = line(new UsageRecord(UsageRecord.ROUTED, "acme", 7, 0x1234L, T, 2, "", 0, "4477009",
                "44", "smsc-a", -1));
        assertEquals("000000000000002a", routed.get("id").asText());
        assertEquals("routed", routed.get("kind").asText());
        assertEquals("2025-12-07T16:04:16.789Z", routed.get("time").asText());
        assertEquals("acme", routed.get("tenant").asText());
        assertEquals("0000000000001234", routed.get("gatewayId").asText());
        assertEquals("smsc-a", routed.get("carrier").asText());
        assertEquals(2, routed.get("segments").asInt());
        assertEquals("4477009", routed.get("destination").asText());

        JsonNode fin = line(new UsageRecord(UsageRecord.FINAL, "acme", 8, 0x1234L, T, 0, "", 0, "", "", "", 5));
        assertEquals("final", fin.get("kind").asText());
        assertEquals(5, fin.get("messageState").asInt());
        assertEquals("UNDELIV", fin.get("stat").asText());

        JsonNode mo = line(new UsageRecord(UsageRecord.MO, "acme", 9, 0, T, 1, "UCS2", 8, "4915112345", "49", "",
                -1));
        assertEquals("mo", mo.get("kind").asText());
        assertEquals("4915112345", mo.get("number").asText());
        assertEquals("49", mo.get("country").asText());
        assertEquals(8, mo.get("dataCoding").asInt());

        JsonNode call = line(new UsageRecord(UsageRecord.CALL, "acme", -1, 0, T, 0, "", 0, "3312", "33", "trunk-1",
                -1, "a\"b\\c@host", 61));
        assertEquals("call", call.get("kind").asText());
        assertEquals("a\"b\\c@host", call.get("callId").asText());
        assertEquals("trunk-1", call.get("carrier").asText());
        assertEquals(61, call.get("seconds").asLong());
    }

    /** The hand-made time matches java.time's formatting around leap days, year ends, the epoch and beyond. */
    @Test
    void theTimeIsWhatJavaTimeFormats() {
        java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter
                .ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(java.time.ZoneOffset.UTC);
        java.util.Random random = new java.util.Random(42);
        java.util.List<Long> times = new java.util.ArrayList<>(java.util.List.of(0L, -1L, 1L, T,
                java.time.Instant.parse("2024-02-29T23:59:59.999Z").toEpochMilli(),
                java.time.Instant.parse("2024-03-01T00:00:00.000Z").toEpochMilli(),
                java.time.Instant.parse("2100-02-28T12:00:00.001Z").toEpochMilli(),
                java.time.Instant.parse("2000-12-31T23:59:59.999Z").toEpochMilli(),
                java.time.Instant.parse("1969-12-31T23:59:59.999Z").toEpochMilli(),
                java.time.Instant.parse("9999-12-31T23:59:59.999Z").toEpochMilli()));
        for (int k = 0; k < 100_000; k++) {
            times.add(random.nextLong() % 253_402_300_799_999L); // years 1-9999 either side of the epoch
        }
        for (long t : times) {
            byte[] b = new byte[40];
            int length = UsageJson.time(t, b, 0);
            assertEquals(iso.format(java.time.Instant.ofEpochMilli(t)),
                    new String(b, 0, length, java.nio.charset.StandardCharsets.ISO_8859_1), "at " + t);
        }
    }
}
