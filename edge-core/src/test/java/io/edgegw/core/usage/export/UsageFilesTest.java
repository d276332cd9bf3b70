package io.edgegw.core.usage.export;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.support.ChildGateway;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.UsageCrashVictim;
import io.edgegw.core.support.UsageSupport;
import io.edgegw.core.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, daily usage files: the real gateway (no carrier) writes one JSON line per acknowledged message into
 * {@code <storage.dir>/usage-files/usage-YYYY-MM-DD.jsonl}, and after a kill -9 and a restart every event is there at
 * least once.
 */
class UsageFilesTest {
    @TempDir
    Path dir;

    @Test
    void everyAcknowledgedMessageIsOneLineWithItsFieldsInTheFileOfItsDay() throws Exception {
        Map<String, String> destinationById = new HashMap<>();
        try (Gateway g = Gateway.start(UsageSupport.config(dir), List.of())) {
            TestAck ack = new TestAck();
            for (int i = 0; i < 30; i++) {
                String dest = i == 29 ? "33612345678" : "4477009" + (10000 + i);
                assertEquals(SubmitIngress.TAKEN, g.ingress().submit(i % 2 == 0 ? "acme" : "globex",
                        i == 29 ? UsageSupport.ucs2(dest, 71) : UsageSupport.gsm(dest, i % 3 == 0 ? 300 : 10), ack, i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.size() == 30);
            ack.answers.forEach((seq, id) -> {
                assertTrue(!id.startsWith("!"), id);
                destinationById.put(id, seq == 29 ? "33612345678" : "4477009" + (10000 + seq));
            });
            await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
                    .until(() -> ExportedEvents.fileLines(dir).size() >= 30);
            await().atMost(Duration.ofSeconds(20)).until(() -> g.meters().get("edge_usage_exported")
                    .tag("sink", "files").functionCounter().count() == 30);
            await().atMost(Duration.ofSeconds(20)).until(() -> g.meters().get("edge_usage_export_lag_records")
                    .tag("sink", "files").gauge().value() == 0);
        }
        List<JsonNode> lines = ExportedEvents.fileLines(dir);
        assertEquals(30, lines.size(), "one line per message, none repeated on a clean stop: " + lines);
        Map<String, UsageRecord> journal = ExportedEvents.journal(dir);
        Set<String> ids = new HashSet<>();
        for (JsonNode l : lines) {
            String id = l.get("id").asText();
            assertTrue(ids.add(id), "an id twice: " + l);
            UsageRecord e = journal.get(id);
            assertTrue(e != null, "the id is the event's usage journal index: " + l);
            String gatewayId = l.get("gatewayId").asText();
            assertEquals(MessageIds.render(e.gatewayId()), gatewayId);
            assertEquals(destinationById.get(gatewayId), l.get("destination").asText(), "the message acked: " + l);
            assertEquals("accepted", l.get("kind").asText());
            assertEquals(e.tenantId(), l.get("tenant").asText());
            assertEquals(e.segments(), l.get("segments").asInt());
            String day = Instant.ofEpochMilli(e.acceptedMillis()).atOffset(ZoneOffset.UTC).toLocalDate().toString();
            assertEquals("usage-" + day + ".jsonl", l.get("_file").asText(), "the file of the event's UTC day");
            assertEquals(Instant.ofEpochMilli(e.acceptedMillis()), Instant.parse(l.get("time").asText()));
        }
        assertEquals(destinationById.keySet(), lines.stream().map(l -> l.get("gatewayId").asText())
                .collect(java.util.stream.Collectors.toSet()));
        JsonNode ucs = lines.stream().filter(l -> l.get("destination").asText().startsWith("33")).findFirst()
                .orElseThrow();
        assertEquals(2, ucs.get("segments").asInt());
        assertEquals("UCS2", ucs.get("alphabet").asText());
        assertEquals(8, ucs.get("dataCoding").asInt());
        assertEquals("33", ucs.get("country").asText());
        JsonNode first = lines.stream().filter(l -> l.get("destination").asText().equals("447700910000"))
                .findFirst().orElseThrow();
        assertEquals("acme", first.get("tenant").asText());
        assertEquals(2, first.get("segments").asInt(), "300 GSM characters as message_payload");
        assertEquals("GSM7", first.get("alphabet").asText());
        assertEquals("44", first.get("country").asText());
    }

    @Test
    void afterAKillNineAndARestartEveryEventIsInTheFilesAtLeastOnce() throws Exception {
        int count = 3000;
        Set<String> acked = ChildGateway.runAndKill(UsageCrashVictim.class, count / 2, dir.toString(),
                String.valueOf(count));
        assertEquals(count / 2, acked.size());
        try (Gateway g = Gateway.start(UsageSupport.config(dir), List.of())) {
            long accepted = UsageSupport.inboundRecords(dir, "acme");
            long want = accepted;
            // the usage reader makes the rest of the events, the files export catches up with it
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long lines = 0;
            String why = "";
            while (System.nanoTime() < deadline) {
                try {
                    lines = ExportedEvents.fileLines(dir).stream().map(l -> l.get("id").asText()).distinct().count();
                    if (lines >= want) {
                        break;
                    }
                } catch (Exception unreadableYet) {
                    why = unreadableYet.toString();
                }
                Thread.sleep(100);
            }
            assertTrue(lines >= want, "lines " + lines + " of " + want + " inbound records; usage events now "
                    + ExportedEvents.journal(dir).size() + ", inbound records now "
                    + UsageSupport.inboundRecords(dir, "acme") + ", exported "
                    + g.meters().get("edge_usage_exported").tag("sink", "files").functionCounter().count()
                    + ", last read failure: " + why);
        }
        Map<String, UsageRecord> journal = ExportedEvents.journal(dir);
        assertEquals(UsageSupport.inboundRecords(dir, "acme"), journal.size());
        List<JsonNode> lines = ExportedEvents.fileLines(dir);
        Set<String> ids = new HashSet<>();
        Set<String> gatewayIds = new HashSet<>();
        for (JsonNode l : lines) {
            String id = l.get("id").asText();
            ids.add(id);
            gatewayIds.add(l.get("gatewayId").asText());
            UsageRecord e = journal.get(id);
            assertTrue(e != null, "every line is an event of the journal: " + l);
            assertEquals(MessageIds.render(e.gatewayId()), l.get("gatewayId").asText(), "a repeat is the same line");
        }
        assertEquals(journal.keySet(), ids, "every event at least once");
        assertEquals(0, ExportedEvents.tornLines(dir), "a line the kill cut short is cut from the file on restart");
        assertTrue(gatewayIds.containsAll(acked), "every acknowledged message has its line");
    }
}
