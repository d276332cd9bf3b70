package io.edgegw.core.usage.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.usage.UsageRecord;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UsageJsonTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long T = 1_765_123_456_789L; // 2025-12-07T16:04:16.789Z

    private static JsonNode line(UsageRecord r) throws Exception {
        return JSON.readTree(UsageJson.render(0x2AL, r));
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
            StringBuilder b = new StringBuilder();
            UsageJson.time(t, b);
            assertEquals(iso.format(java.time.Instant.ofEpochMilli(t)), b.toString(), "at " + t);
        }
    }
}
