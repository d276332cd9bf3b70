package io.edgegw.core.usage;

import io.edgegw.core.Gateway;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.support.ChildGateway;
import io.edgegw.core.support.ScheduledCrashVictim;
import io.edgegw.core.support.UsageCrashVictim;
import io.edgegw.core.support.UsageSupport;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Scheduled messages are counted once, when accepted, though the gateway copies them from the scheduled queue into the
 * inbound queue when due, and copies them again after a kill -9 that came between a copy and its commit.
 */
class ScheduledUsageKillNineTest {
    private static final int COUNT = 200;

    @TempDir
    Path dir;

    @Test
    void aScheduledMessageMovedTwiceByACrashIsCountedOnce() throws Exception {
        Set<String> acked = ChildGateway.runAndKill(ScheduledCrashVictim.class, COUNT, dir.toString(),
                String.valueOf(COUNT), "1500");
        assertEquals(COUNT, acked.size());
        Path tenant = dir.resolve("tenants").resolve("acme");
        assertEquals(COUNT / 2, copies(tenant.resolve("inbound")), "each scheduled message copied once");
        // as if the kill had come after the copies were on disk and before they were committed and marked
        Files.delete(tenant.resolve("scheduled.committed"));
        Files.delete(tenant.resolve("scheduled.moved"));

        try (Gateway g = Gateway.start(UsageSupport.config(dir), List.of())) {
            await().atMost(Duration.ofSeconds(30)).until(() -> g.meters().get("edge_tenant_scheduled_depth")
                    .tag("tenant", "acme").gauge().value() == 0 && g.usage().totals("acme") != null
                    && g.usage().totals("acme").messages() >= COUNT);
            assertEquals(COUNT, copies(tenant.resolve("inbound")), "moved again after the restart: copied twice");
            assertEquals(COUNT, g.usage().totals("acme").messages(), "each message counted once");
        }
        List<UsageRecord> events = UsageSupport.events(dir);
        Map<String, UsageRecord> byId = new HashMap<>();
        Set<Long> sources = new HashSet<>();
        long segments = 0;
        long expected = 0;
        for (UsageRecord e : events) {
            assertTrue(byId.put(MessageIds.render(e.gatewayId()), e) == null, "one event per message: " + e);
            assertTrue(sources.add(e.sourceIndex()), "one event per source: " + e);
            int i = Integer.parseInt(e.destination().substring(7)) - 10000;
            assertEquals(ScheduledCrashVictim.scheduled(i), e.sourceIndex() < 0,
                    "a scheduled message's event comes from its scheduled queue: " + e);
            segments += e.segments();
        }
        for (int i = 0; i < COUNT; i++) {
            expected += UsageCrashVictim.segments(i);
        }
        assertEquals(byId.keySet(), acked, "every acknowledged message has its one event");
        assertEquals(expected, segments);
    }

    /** Records the gateway copied ({@link QueueRecords#VERSION_MOVED}) in a queue (the gateway stopped). */
    private static long copies(Path queue) {
        long n = 0;
        try (ChronicleQueue q = TenantQueues.open(queue, RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptTailer t = q.createTailer()) {
            while (true) {
                try (DocumentContext dc = t.readingDocument()) {
                    if (!dc.isPresent()) {
                        return n;
                    }
                    QueueRecords.SubmitHead h = new QueueRecords.SubmitHead();
                    QueueRecords.readSubmitHead(dc.wire().bytes(), h);
                    n += h.moved ? 1 : 0;
                }
            }
        }
    }
}
