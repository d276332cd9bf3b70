package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.receipt.CorrelationRecord;
import io.edgegw.core.support.ChildGateway;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A gateway with its SMPP connector, routing to the carrier simulator, killed with SIGKILL in the middle of a run;
 * started again on the same directory it routes the rest. Every carrier acceptance on disk (the correlations journal)
 * then has exactly one ROUTED event and every final receipt toward the tenant exactly one FINAL event: none lost, none
 * doubled, whatever moment the kill came at.
 */
class UsageRoutingKillNineTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int COUNT = 3000;
    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void afterAKillNineEveryCarrierAcceptanceHasOneRoutedEventAndEveryFinalReceiptOneFinalEvent() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge").withTiming(1, 5);
        Set<String> acked;
        try (SimulatedSmsc carrier = SimulatedSmsc.start(sim)) {
            acked = ChildGateway.runAndKill(UsageRoutingVictim.class, COUNT / 2, dir.toString(),
                    String.valueOf(carrier.port()), String.valueOf(COUNT));
            assertEquals(COUNT / 2, acked.size());
            try (Gateway g = Gateway.start(UsageRoutingVictim.config(dir, carrier.port()))) {
                // done when every message left is routed and the reader has made all there is on disk into events
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    List<UsageRecord> events = UsageEvents.read(dir);
                    long routed = events.stream().filter(e -> e.kind() == UsageRecord.ROUTED).count();
                    long finals = events.stream().filter(e -> e.kind() == UsageRecord.FINAL).count();
                    return routed >= inbound().size() && routed == correlations().size()
                            && finals == finalReceipts().size() && finals >= inbound().size() - 50;
                });
                JsonNode u = usage(g);
                long routed = u.get("routed").asLong();
                assertEquals(correlations().size(), routed, u.toString());
                assertEquals(0, u.get("costUnknown").asLong(), u.toString());
                // one segment each at 0.0100 a carrier acceptance, 0.0500 a message
                assertEquals(new BigDecimal("0.01").multiply(BigDecimal.valueOf(routed)).setScale(2),
                        new BigDecimal(u.get("carrierCost").get("EUR").asText()), u.toString());
                assertEquals(new BigDecimal("0.05").multiply(BigDecimal.valueOf(u.get("messages").asLong()))
                        .subtract(new BigDecimal("0.01").multiply(BigDecimal.valueOf(routed))).setScale(2),
                        new BigDecimal(u.get("margin").asText()), u.toString());
            }
        }
        List<UsageRecord> events = UsageEvents.read(dir);
        Set<Long> routedFrom = new TreeSet<>();
        Set<Long> finalFrom = new TreeSet<>();
        Set<String> routedIds = new HashSet<>();
        for (UsageRecord e : events) {
            if (e.kind() == UsageRecord.ROUTED) {
                assertTrue(routedFrom.add(e.sourceIndex()), "one ROUTED event per correlation: " + e);
                assertEquals("telco", e.carrierId());
                assertEquals(1, e.segments(), e.toString());
                routedIds.add(MessageIds.render(e.gatewayId()));
            } else if (e.kind() == UsageRecord.FINAL) {
                assertTrue(finalFrom.add(e.sourceIndex()), "one FINAL event per receipt: " + e);
                assertEquals(SmppStatus.STATE_DELIVERED, e.messageState(), e.toString());
            }
        }
        assertEquals(correlations(), routedFrom, "every carrier acceptance has its ROUTED event");
        assertEquals(finalReceipts(), finalFrom, "every final receipt has its FINAL event");
        assertTrue(routedIds.containsAll(acked), "every acknowledged message was routed");
        assertEquals(inbound(), routedIds, "every accepted message was routed, and only those");
    }

    private JsonNode usage(Gateway g) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.listeners().get("admin").getPort()
                + "/api/usage?tenant=acme")).header("Authorization", "Bearer " + UsageRoutingVictim.TOKEN).build();
        return JSON.readTree(HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    /** The index of every entry in the correlations journal. */
    private Set<Long> correlations() {
        Set<Long> out = new TreeSet<>();
        read(dir.resolve("correlations"), (index, in) -> {
            if (CorrelationRecord.read(in) != null) {
                out.add(index);
            }
        });
        return out;
    }

    /** The index of every final receipt in acme's outbound queue. */
    private Set<Long> finalReceipts() {
        Set<Long> out = new TreeSet<>();
        read(dir.resolve("tenants/acme/outbound"), (index, in) -> {
            QueueRecords.checkVersion(in);
            String receipted = QueueRecords.readString(in);
            if (receipted != null && SmppStatus.isFinal(in.readInt())) {
                out.add(index);
            }
        });
        return out;
    }

    /** The gateway id of every message in acme's inbound queue. */
    private Set<String> inbound() {
        Set<String> out = new HashSet<>();
        QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
        read(dir.resolve("tenants/acme/inbound"), (index, in) -> {
            QueueRecords.readSubmitHead(in, head);
            out.add(MessageIds.render(head.gatewayId));
        });
        return out;
    }

    private interface Reader {
        void read(long index, Bytes<?> in);
    }

    private static void read(Path queue, Reader reader) {
        try (ChronicleQueue q = TenantQueues.open(queue, RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return;
                    }
                    reader.read(dc.index(), dc.wire().bytes());
                }
            }
        }
    }
}
