package io.edgegw.core.usage;

import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.support.UsageSupport;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A routed message is found in a real inbound queue by its gateway id, in any order, and a missing one is not. */
class InboundLookupTest {
    @TempDir
    Path dir;

    @Test
    void everyMessageIsFoundByItsGatewayIdInAnyOrderAndOneNeverAcceptedIsNot() {
        MessageIds ids = new MessageIds();
        List<Long> written = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (ChronicleQueue q = TenantQueues.open(dir, RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < 5000; i++) {
                long id = ids.next(now + i / 100); // up to 100 ids a millisecond, as under load
                if (i == 2500) {
                    ids.next(now + i / 100); // an id issued but never appended (a refused submit)
                    continue;
                }
                written.add(id);
                try (DocumentContext dc = a.writingDocument()) {
                    QueueRecords.writeSubmit(dc.wire().bytes(), id, now, UsageSupport.gsm("4477" + i, 10));
                }
            }
            try (InboundLookup lookup = new InboundLookup(q)) {
                // in queue order (the near path), then shuffled (the search)
                for (int i = 0; i < 50; i++) {
                    assertEquals(destination(written, i), lookup.find(written.get(i)).destAddr());
                }
                List<Integer> order = new ArrayList<>();
                for (int i = 0; i < written.size(); i++) {
                    order.add(i);
                }
                Collections.shuffle(order, new Random(14));
                for (int i : order) {
                    ShortMessage m = lookup.find(written.get(i));
                    assertEquals(destination(written, i), m == null ? null : m.destAddr(), "message " + i);
                }
                long missing = written.get(2499) + 1;
                assertNull(lookup.find(missing), "an id never appended");
                assertNull(lookup.find(written.get(written.size() - 1) + 1000), "an id after the last");
                assertNull(lookup.find((now - 86_400_000L * 3) << 20), "an id of a cycle not on disk");
            }
        }
    }

    /**
     * A backlog: the carriers answer far behind the tenant's queue, nearly in queue order (two binds, answers
     * reordered within a window of 400). After one search places it, the onward tailer finds every message by reading
     * on, each record once: no index moves per message (before, a reordered answer made each miss a binary search).
     */
    @Test
    void answersNearlyInQueueOrderAreFoundByReadingOnNotBySearching() {
        MessageIds ids = new MessageIds();
        List<Long> written = new ArrayList<>();
        long now = System.currentTimeMillis();
        try (ChronicleQueue q = TenantQueues.open(dir, RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptAppender a = q.createAppender()) {
            for (int i = 0; i < 20_000; i++) {
                long id = ids.next(now + i / 100);
                written.add(id);
                try (DocumentContext dc = a.writingDocument()) {
                    QueueRecords.writeSubmit(dc.wire().bytes(), id, now, UsageSupport.gsm("4477" + i, 10));
                }
            }
            List<Integer> order = new ArrayList<>();
            Random random = new Random(16);
            for (int from = 5_000; from < written.size(); from += 400) { // the first 5,000 answered long ago
                List<Integer> window = new ArrayList<>();
                for (int i = from; i < Math.min(from + 400, written.size()); i++) {
                    window.add(i);
                }
                Collections.shuffle(window, random);
                order.addAll(window);
            }
            try (InboundLookup lookup = new InboundLookup(q)) {
                for (int i : order) {
                    ShortMessage m = lookup.find(written.get(i));
                    assertEquals("4477" + i, m == null ? null : m.destAddr(), "message " + i);
                }
                assertTrue(lookup.searches() <= 1, lookup.searches() + " searches for 15,000 answers");
                assertEquals("447710", lookup.find(written.get(10)).destAddr(), "one long behind");
                assertEquals(2, lookup.searches(), "found by a search");
            }
        }
    }

    /**
     * Scheduled messages: their originals lie in the scheduled queue, and copies with their old ids are appended to
     * inbound between later messages when they fall due. Every message, inbound or scheduled, is still found, though
     * the copies break inbound's id order (a plain binary search lands on a copy and goes the wrong way).
     */
    @Test
    void copiesOfScheduledMessagesInInboundDoNotHideTheMessagesAroundThem() {
        MessageIds ids = new MessageIds();
        long now = System.currentTimeMillis();
        List<Long> inboundIds = new ArrayList<>();
        List<Long> scheduledIds = new ArrayList<>();
        try (ChronicleQueue in = TenantQueues.open(dir.resolve("inbound"),
                RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ChronicleQueue sch = TenantQueues.open(dir.resolve("scheduled"),
                     RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE));
             ExcerptAppender a = in.createAppender(); ExcerptAppender s = sch.createAppender()) {
            for (int i = 0; i < 3000; i++) {
                long id = ids.next(now + i / 100);
                if (i % 10 == 3) { // accepted for later: into the scheduled queue
                    scheduledIds.add(id);
                    try (DocumentContext dc = s.writingDocument()) {
                        QueueRecords.writeSubmit(dc.wire().bytes(), id, now, 0, now + 60_000,
                                UsageSupport.gsm("s" + id, 10));
                    }
                    continue;
                }
                inboundIds.add(id);
                try (DocumentContext dc = a.writingDocument()) {
                    QueueRecords.writeSubmit(dc.wire().bytes(), id, now, UsageSupport.gsm("i" + id, 10));
                }
                if (i % 7 == 0 && !scheduledIds.isEmpty()) { // a scheduled one fell due: its copy into inbound
                    long old = scheduledIds.get(scheduledIds.size() / 2);
                    try (DocumentContext dc = a.writingDocument()) {
                        QueueRecords.writeMoved(dc.wire().bytes(), old, now, 0, now + 60_000,
                                UsageSupport.gsm("s" + old, 10));
                    }
                }
            }
            try (InboundLookup lookup = new InboundLookup(in, sch)) {
                List<Long> all = new ArrayList<>(inboundIds);
                all.addAll(scheduledIds);
                Collections.shuffle(all, new Random(15));
                for (long id : all) {
                    ShortMessage m = lookup.find(id);
                    String want = (scheduledIds.contains(id) ? "s" : "i") + id;
                    assertEquals(want, m == null ? null : m.destAddr(), "message " + Long.toHexString(id));
                }
            }
        }
    }

    /** What message {@code i} of the written ones was sent to (one index skipped at 2500). */
    private static String destination(List<Long> written, int i) {
        return "4477" + (i < 2500 ? i : i + 1);
    }
}
