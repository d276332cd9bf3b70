package io.edgegw.core.queue;

import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.Correlations;
import io.edgegw.core.support.DirtyPages;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Real Chronicle files with a one-second roll cycle; Chronicle's clock is set by the test, so each second of it is a
 * cycle file and nothing waits for the wall clock.
 */
class HousekeepingTest {
    private static final long SECOND = 1000;

    @TempDir
    Path dir;
    private final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private TenantQueues tenant() {
        return opened(new TenantQueues(dir, "acme", 0, TestRollCycles.TEST_SECONDLY, clock));
    }

    private ChronicleQueue correlationQueue() {
        return opened(TenantQueues.open(dir.resolve("correlations"), TestRollCycles.TEST_SECONDLY, clock));
    }

    private Housekeeping housekeeping(TenantQueues t, ChronicleQueue correlations, long retentionMillis) {
        return opened(new Housekeeping(List.of(t), correlations, retentionMillis));
    }

    private Housekeeping forcing(TenantQueues t, ChronicleQueue correlations) {
        return opened(new Housekeeping(List.of(t), correlations, 3_600_000, true));
    }

    private QueueCursor cursor(TenantQueues t) {
        QueueCursor c = opened(new QueueCursor(t.inbound(), t.inboundPositionFile(), 64, t.inboundDepth()));
        c.open();
        return c;
    }

    /** Appends submits with gateway ids {@code first..first+n-1}, one second of Chronicle's clock per call. */
    private void appendSecond(ExcerptAppender appender, long first, int n) {
        for (long id = first; id < first + n; id++) {
            try (DocumentContext dc = appender.writingDocument()) {
                QueueRecords.writeSubmit(dc.wire().bytes(), id, clock.currentTimeMillis(),
                        TestConfigs.sms("447700900001", false));
            }
        }
        clock.advanceMillis(SECOND);
    }

    /** A read message: its gateway id and the ticket to complete it with. */
    private record Read(long id, long ticket) {
    }

    private static Read next(QueueCursor c) {
        return c.next((in, ticket) -> {
            QueueRecords.checkVersion(in);
            return new Read(in.readLong(), ticket);
        });
    }

    private static List<String> cycleFiles(Path queueDir) throws IOException {
        try (Stream<Path> s = Files.list(queueDir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private static long sizes(Path queueDir) throws IOException {
        long sum = 0;
        for (String f : cycleFiles(queueDir)) {
            sum += Files.size(queueDir.resolve(f));
        }
        return sum;
    }

    @Test
    void filesOlderThanTheCommittedMessagesCycleAreDeletedAndAReopenedCursorResumesAfterIt() throws Exception {
        TenantQueues t = tenant();
        Path inbound = dir.resolve("tenants/acme/inbound");
        ExcerptAppender appender = opened(t.inbound().createAppender());
        for (int second = 0; second < 4; second++) {
            appendSecond(appender, second * 3L, 3); // ids 0-2, 3-5, 6-8, 9-11
        }
        List<String> files = cycleFiles(inbound);
        assertEquals(4, files.size(), files.toString());

        QueueCursor cursor = cursor(t);
        for (int i = 0; i <= 6; i++) { // everything up to the first message of the third second
            Read r = next(cursor);
            assertEquals(i, r.id());
            cursor.complete(r.ticket());
        }
        Housekeeping h = housekeeping(t, correlationQueue(), 3_600_000);
        h.runOnce();

        assertEquals(files.subList(2, 4), cycleFiles(inbound), "the two fully completed seconds are gone");
        assertEquals(2, h.filesDeleted());
        assertEquals(sizes(inbound), h.inboundDiskBytes(0));
        assertEquals(7, next(cursor).id(), "the running cursor reads on");
        try (ExcerptTailer fromStart = t.inbound().createTailer().toStart();
             DocumentContext dc = fromStart.readingDocument()) {
            assertTrue(dc.isPresent());
            QueueRecords.checkVersion(dc.wire().bytes());
            assertEquals(6, dc.wire().bytes().readLong(), "a new tailer starts at the first file left");
        }
        appendSecond(appender, 12, 1);
        closeAll();
        open.clear();

        TenantQueues again = tenant();
        QueueCursor resumed = cursor(again);
        assertEquals(6, again.inboundDepth().depth(), "7-11 and 12 are not complete");
        List<Long> ids = new ArrayList<>();
        for (Read r; (r = next(resumed)) != null; ) {
            ids.add(r.id());
        }
        assertEquals(List.of(7L, 8L, 9L, 10L, 11L, 12L), ids);
    }

    @Test
    void filesTheUsageReaderStillNeedsStayThoughTheirMessagesAreComplete() throws Exception {
        TenantQueues t = tenant();
        Path inbound = dir.resolve("tenants/acme/inbound");
        ExcerptAppender appender = opened(t.inbound().createAppender());
        for (int second = 0; second < 4; second++) {
            appendSecond(appender, second * 3L, 3); // ids 0-2, 3-5, 6-8, 9-11
        }
        List<String> files = cycleFiles(inbound);
        QueueCursor cursor = cursor(t);
        for (int i = 0; i <= 9; i++) { // complete up to the first message of the fourth second
            cursor.complete(next(cursor).ticket());
        }
        long[] usageLast = {0};
        Housekeeping h = housekeeping(t, correlationQueue(), 3_600_000);
        h.holdInbound(0, () -> usageLast[0]);
        h.runOnce();
        assertEquals(files, cycleFiles(inbound), "the usage reader has read nothing: every file stays");

        try (ExcerptTailer tailer = t.inbound().createTailer().toStart()) {
            for (int i = 0; i <= 4; i++) { // the usage reader made ids 0-4 into events; 4 is in the second file
                try (DocumentContext dc = tailer.readingDocument()) {
                    usageLast[0] = dc.index();
                }
            }
        }
        h.runOnce();
        assertEquals(files.subList(1, 4), cycleFiles(inbound), "only the first file, read by both, goes");
        assertEquals(1, h.filesDeleted());
    }

    @Test
    void withNothingCommittedNothingIsDeleted() throws IOException {
        TenantQueues t = tenant();
        Path inbound = dir.resolve("tenants/acme/inbound");
        ExcerptAppender appender = opened(t.inbound().createAppender());
        for (int second = 0; second < 3; second++) {
            appendSecond(appender, second * 2L, 2);
        }
        QueueCursor cursor = cursor(t);
        next(cursor); // the first stays out
        for (int i = 1; i < 6; i++) {
            cursor.complete(next(cursor).ticket());
        }
        Housekeeping h = housekeeping(t, correlationQueue(), 3_600_000);
        h.runOnce();

        assertEquals(3, cycleFiles(inbound).size());
        assertEquals(0, h.filesDeleted());
        assertEquals(sizes(inbound), h.inboundDiskBytes(0));
    }

    @Test
    void correlationCyclesGoOnceWhollyOlderThanTheRetentionAndLeaveMemoryToo() throws IOException {
        TenantQueues t = tenant();
        ChronicleQueue q = correlationQueue();
        long start = clock.currentTimeMillis();
        Correlations running = new Correlations(q, 1000, 10 * SECOND);
        opened(running);
        running.open();
        running.record("telco", "a1", new Correlation("acme", 1, (byte) 1));
        clock.currentTimeMillis(start + 10 * SECOND);
        running.record("telco", "b2", new Correlation("acme", 2, (byte) 1));
        clock.currentTimeMillis(start + 20 * SECOND);
        running.record("telco", "c3", new Correlation("acme", 3, (byte) 1));
        assertEquals(3, cycleFiles(dir.resolve("correlations")).size());

        // now = start + 20 s, retention 10 s: only the cycle of start + 0 s lies wholly before start + 10 s
        running.expire();
        assertNull(running.find("telco", "a1"));
        assertNotNull(running.find("telco", "b2"));
        assertNotNull(running.find("telco", "c3"));
        assertEquals(2, running.size());

        Housekeeping h = housekeeping(t, q, 10 * SECOND);
        h.runOnce();
        assertEquals(2, cycleFiles(dir.resolve("correlations")).size());
        assertEquals(1, h.filesDeleted());
        assertEquals(sizes(dir.resolve("correlations")), h.correlationDiskBytes());
    }

    @Test
    void withSyncBatchEachPassForcesTheCommittedPositionsThatMovedToTheDevice() {
        assumeTrue(DirtyPages.forceCleans(dir), "needs /proc/self/smaps and a file system that writes back");
        TenantQueues t = tenant();
        ExcerptAppender appender = opened(t.inbound().createAppender());
        appendSecond(appender, 0, 3);
        QueueCursor cursor = cursor(t);
        Housekeeping unforced = housekeeping(t, correlationQueue(), 3_600_000);
        Housekeeping forcing = forcing(t, correlationQueue());
        Path positions = dir.resolve("tenants/acme");

        cursor.complete(next(cursor).ticket());
        unforced.runOnce();
        DirtyPages.Under before = DirtyPages.under(positions, "inbound.committed");
        assertTrue(before.mapped());
        assertTrue(before.dirtyKb() > 0, "the dispatcher's write is in the page cache only");
        forcing.runOnce();
        assertEquals(0, DirtyPages.under(positions, "inbound.committed").dirtyKb(), "forced by the pass");

        cursor.complete(next(cursor).ticket());
        assertTrue(DirtyPages.under(positions, "inbound.committed").dirtyKb() > 0);
        forcing.runOnce();
        assertEquals(0, DirtyPages.under(positions, "inbound.committed").dirtyKb(), "and again once it moved");
    }
}
