package io.edgegw.core.dispatch;

import io.edgegw.core.pipeline.ScheduledCopy;
import io.edgegw.core.queue.QueueRecords;
import io.edgegw.core.queue.TenantQueues;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.bytes.Bytes;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mover of a tenant's scheduled queue, driven by hand with a fake clock: nothing is copied before it is due, a
 * far-future record holds none behind it, a copy is done only once the journal has it on disk (and then not copied
 * again after a restart), and a due record behind a full span of far-future ones is reached.
 */
class ScheduledLaneTest {
    private static final String SECTIONS = """
            tenants:
              - { id: acme, systemId: acme, password: pw }
            carriers:
              - { id: telco, systemId: gw, password: pw, window: 10, endpoints: [{ host: 127.0.0.1, port: 1 }] }
            routes:
              - { prefix: '', carriers: [telco] }
            """;

    @TempDir
    Path dir;
    private DispatchFixture gw;

    @AfterEach
    void close() {
        if (gw != null) {
            gw.close();
        }
    }

    private ScheduledLane lane() {
        return gw.parts.lanes()[0].scheduled;
    }

    private int round() {
        return lane().round(gw.clock.currentTimeMillis());
    }

    /** A submit accepted now with gateway id {@code id}, due {@code ahead} from now, as the journal writes it. */
    private void schedule(long id, Duration ahead) {
        TenantQueues q = gw.queues("acme");
        long now = gw.clock.currentTimeMillis();
        try (ExcerptAppender appender = q.scheduled().createAppender();
             DocumentContext dc = appender.writingDocument()) {
            Bytes<?> b = dc.wire().bytes();
            long start = b.writePosition();
            QueueRecords.writeSubmit(b, id, now, 0, now + ahead.toMillis(), TestConfigs.sms("447700900001", false));
            q.scheduledDepth().appended((int) (b.writePosition() - start));
        }
    }

    private List<Long> copied(boolean toInbound) {
        return gw.journal.copies.stream().filter(c -> c.toInbound() == toInbound).map(ScheduledCopy::gatewayId)
                .toList();
    }

    @Test
    void nothingIsCopiedBeforeItIsDueAndAFarFutureOneHoldsNoneBehindIt() {
        gw = new DispatchFixture(dir, SECTIONS);
        schedule(1, Duration.ofDays(1));
        schedule(2, Duration.ofSeconds(2));
        schedule(3, Duration.ofSeconds(5));
        assertEquals(0, round());
        gw.clock.advance(Duration.ofMillis(1_999));
        assertEquals(0, round(), "not due yet");
        gw.clock.advance(Duration.ofMillis(1));
        assertEquals(1, round());
        assertEquals(List.of(2L), copied(true), "due now, behind one due tomorrow");
        assertEquals(3, gw.queues("acme").scheduledDepth().depth(), "not done before the copy is on disk");
        gw.journalAll();
        assertEquals(2, gw.queues("acme").scheduledDepth().depth());
        gw.clock.advance(Duration.ofSeconds(3));
        assertEquals(1, round());
        assertEquals(List.of(2L, 3L), copied(true));
    }

    @Test
    void aCopyOnDiskIsNotMadeAgainAfterARestartAndOneNotOnDiskIs() {
        gw = new DispatchFixture(dir, SECTIONS);
        schedule(1, Duration.ofDays(1));
        schedule(2, Duration.ofSeconds(1));
        schedule(3, Duration.ofSeconds(1));
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(2, round());
        gw.journal.unwritten.remove(gw.journal.copies.get(1)); // 3's copy: lost in the crash below
        gw.journalAll();
        gw.close();

        gw = new DispatchFixture(dir, SECTIONS); // the committed position is still before 1, which waits
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, round());
        assertEquals(List.of(3L), copied(true), "2 is marked moved; 3 is copied again");
        assertEquals(2, gw.queues("acme").scheduledDepth().depth(), "1 waits; 3's copy is not on disk yet");
    }

    @Test
    void aRecordMovedBeforeARestartIsNotCountedAsWaitingFromTheStart() {
        gw = new DispatchFixture(dir, SECTIONS);
        schedule(1, Duration.ofDays(1));
        schedule(2, Duration.ofSeconds(1));
        schedule(3, Duration.ofSeconds(1));
        schedule(4, Duration.ofSeconds(1));
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(3, round());
        gw.journal.unwritten.remove(gw.journal.copies.get(2)); // 4's copy: lost in the crash below
        gw.journalAll();
        gw.close();

        // 1 holds the committed position, so 2, 3 (moved, marked) and 4 (not on disk) are all past it
        gw = new DispatchFixture(dir, SECTIONS);
        assertEquals(2, gw.queues("acme").scheduledDepth().depth(),
                "before the mover's first round only 1 and 4 wait (the gauge and the quota read this)");
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, round());
        assertEquals(List.of(4L), copied(true));
        assertEquals(2, gw.queues("acme").scheduledDepth().depth(), "the marked ones take nothing off it");
        gw.journalAll();
        assertEquals(1, gw.queues("acme").scheduledDepth().depth(), "1 still waits");
        schedule(5, Duration.ofDays(1));
        assertEquals(2, gw.queues("acme").scheduledDepth().depth());
    }

    @Test
    void aCopyTheJournalCouldNotWriteIsMadeAgainLater() {
        gw = new DispatchFixture(dir, SECTIONS);
        schedule(1, Duration.ofSeconds(1));
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, round());
        gw.journalAll(false);
        assertEquals(0, round(), "a failing journal is not hammered");
        gw.clock.advance(Duration.ofSeconds(1));
        assertEquals(1, round());
        gw.journalAll();
        assertEquals(List.of(1L, 1L), copied(true));
        assertEquals(0, gw.queues("acme").scheduledDepth().depth());
    }

    @Test
    void aDueRecordBehindAFullSpanOfFarFutureOnesIsReached() {
        gw = new DispatchFixture(dir, SECTIONS);
        for (int i = 0; i < ScheduledLane.SPAN; i++) {
            schedule(1_000 + i, Duration.ofDays(1));
        }
        schedule(1, Duration.ofSeconds(2));
        assertEquals(0, round());
        gw.clock.advance(Duration.ofSeconds(2));
        int handed = round();
        assertEquals(ScheduledLane.COMPACT, handed, "the oldest waiting ones appended to the tail again");
        assertEquals(ScheduledLane.COMPACT, copied(false).size());
        assertTrue(copied(true).isEmpty());
        gw.journalAll(); // on disk: the committed position passes them, the span has room
        assertEquals(1, round());
        assertEquals(List.of(1L), copied(true), "the due one is read and copied into inbound");
    }
}
