package io.edgegw.core.queue;

import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.RollCycle;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A damaged committed position ({@code inbound.committed}) never loses a message and never sends again more than the
 * damage forces: each case restarts the queue as the gateway does (queues opened, housekeeping's first pass, then the
 * dispatcher's cursor) and reads everything the cursor hands out.
 * <p>
 * The queue: 20 messages, ids 0-19, five per second of Chronicle's clock, one cycle file per second (ids 0-4 in the
 * first, 15-19 in the fourth). Unless a test says otherwise, ids 0-11 are complete.
 */
class CommittedPositionRecoveryTest {
    private static final long SECOND = 1000;
    private static final RollCycle CYCLE = TestRollCycles.TEST_SECONDLY;

    @TempDir
    Path dir;
    private final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-11-23T09:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    /** Queue index of each id written. */
    private final List<Long> indexOf = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    private <T extends AutoCloseable> T opened(T c) {
        open.add(c);
        return c;
    }

    private Path position() {
        return dir.resolve("tenants/acme/inbound.committed");
    }

    private Path inboundDir() {
        return dir.resolve("tenants/acme/inbound");
    }

    private TenantQueues tenant() {
        return opened(new TenantQueues(dir, "acme", 0, CYCLE, clock));
    }

    private Housekeeping housekeeping(TenantQueues t, ChronicleQueue correlations) {
        return opened(new Housekeeping(List.of(t), correlations, 3_600_000));
    }

    private ChronicleQueue correlationQueue() {
        return opened(TenantQueues.open(dir.resolve("correlations"), CYCLE, clock));
    }

    private QueueCursor cursor(TenantQueues t) {
        QueueCursor c = opened(new QueueCursor(t.inbound(), t.inboundPositionFile(), 64, t.inboundDepth()));
        c.open();
        return c;
    }

    private record Read(long id, long ticket) {
    }

    private static Read next(QueueCursor c) {
        return c.next((in, ticket) -> {
            QueueRecords.checkVersion(in);
            return new Read(in.readLong(), ticket);
        });
    }

    private void append(TenantQueues t, long first, int n, int seconds) {
        try (ExcerptAppender a = t.inbound().createAppender()) {
            for (int s = 0; s < seconds; s++) {
                for (long id = first + (long) s * n; id < first + (long) (s + 1) * n; id++) {
                    try (DocumentContext dc = a.writingDocument()) {
                        QueueRecords.writeSubmit(dc.wire().bytes(), id, clock.currentTimeMillis(),
                                TestConfigs.sms("447700900001", false));
                    }
                    indexOf.add(a.lastIndexAppended());
                }
                clock.advanceMillis(SECOND);
            }
        }
    }

    /**
     * The gateway's run before the damage: 20 messages, ids 0..{@code lastComplete} completed one by one (each
     * completion one write of the position), then optionally housekeeping's pass.
     */
    private void runBefore(int lastComplete, boolean housekeepingRan) throws Exception {
        TenantQueues t = tenant();
        append(t, 0, 5, 4);
        QueueCursor c = cursor(t);
        for (int i = 0; i <= lastComplete; i++) {
            Read r = next(c);
            assertEquals(i, r.id());
            c.complete(r.ticket());
        }
        if (housekeepingRan) {
            housekeeping(t, correlationQueue()).runOnce();
        }
        closeAll();
    }

    /** A restart as Gateway does it, and every id the cursor then hands out. */
    private List<Long> restartAndReadAll() throws Exception {
        TenantQueues t = tenant();
        housekeeping(t, correlationQueue()).runOnce();
        QueueCursor c = cursor(t);
        List<Long> ids = new ArrayList<>();
        for (Read r; (r = next(c)) != null; ) {
            ids.add(r.id());
        }
        closeAll();
        return ids;
    }

    private static List<Long> ids(long from, long toInclusive) {
        return LongStream.rangeClosed(from, toInclusive).boxed().toList();
    }

    private List<String> cycleFiles() throws IOException {
        try (Stream<Path> s = Files.list(inboundDir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".cq4")).sorted().toList();
        }
    }

    private void writeLegacy(long value) throws IOException {
        Files.write(position(), ByteBuffer.allocate(8).putLong(value).array());
    }

    private void writeChecked(long value) {
        try (CommittedPosition p = new CommittedPosition(position())) {
            p.set(value);
            p.set(value);
        }
    }

    @Test
    void anIntactPositionResumesJustAfterTheLastCompletedMessage() throws Exception {
        runBefore(11, true);
        assertEquals(ids(12, 19), restartAndReadAll());
    }

    @Test
    void randomBytesResumeFromTheOldestCycleOnDiskWhichHousekeepingKeptAtTheCommittedOne() throws Exception {
        runBefore(11, true);
        byte[] garbage = new byte[32];
        new Random(13).nextBytes(garbage);
        Files.write(position(), garbage);
        // ids 0-9 went with their files: the fallback sends again what came before 12 in the committed cycle
        assertEquals(ids(10, 19), restartAndReadAll(), "10 and 11 twice, nothing lost");
        assertEquals(ids(10, 19), restartAndReadAll(), "the rewritten file reads as nothing committed, not as garbage");
    }

    @Test
    void aTornWriteOfTheNewerSlotFallsBackToTheOlderOneAndSendsOneMessageAgain() throws Exception {
        runBefore(11, true);
        // each completion wrote the position once: the newer slot holds 11, the older 10
        try (RandomAccessFile f = new RandomAccessFile(position().toFile(), "rw")) {
            f.seek(CommittedPosition.newerSlotOffset(position()) + 4);
            f.writeInt(0x5A5A5A5A); // cut short halfway through the value
        }
        assertEquals(ids(11, 19), restartAndReadAll());
    }

    @Test
    void aFileCutToOneSlotKeepsThatSlot() throws Exception {
        runBefore(11, true);
        try (RandomAccessFile f = new RandomAccessFile(position().toFile(), "rw")) {
            f.setLength(16);
        }
        List<Long> read = restartAndReadAll();
        // slot 0 holds 10 or 11, whichever completion wrote it last
        assertEquals(read.get(0) == 11 ? ids(11, 19) : ids(12, 19), read);
    }

    @Test
    void aFileCutShortOfOneSlotResumesFromTheOldestCycleOnDisk() throws Exception {
        runBefore(11, true);
        try (RandomAccessFile f = new RandomAccessFile(position().toFile(), "rw")) {
            f.setLength(5);
        }
        assertEquals(ids(10, 19), restartAndReadAll());
    }

    @Test
    void anEmptiedFileResumesFromTheOldestCycleOnDisk() throws Exception {
        runBefore(11, true);
        Files.write(position(), new byte[0]);
        assertEquals(ids(10, 19), restartAndReadAll());
    }

    @Test
    void anEightBytePositionOfAnOlderReleaseIsKeptAndConverted() throws Exception {
        runBefore(11, true);
        writeLegacy(indexOf.get(11));
        assertEquals(ids(12, 19), restartAndReadAll());
        assertEquals(32, Files.size(position()), "now in the checked format");
        assertEquals(ids(12, 19), restartAndReadAll());
    }

    @Test
    void anUncheckedPositionBeyondTheQueuesEndIsNotBelievedAndDeletesNothing() throws Exception {
        runBefore(11, false);
        List<String> files = cycleFiles();
        // garbage that happens to name the last cycle: a position there would let housekeeping delete the three
        // files before it, and with them 12, 13 and 14, never sent
        writeLegacy(CYCLE.toIndex(CYCLE.toCycle(indexOf.get(19)), 1000));
        assertEquals(ids(0, 19), restartAndReadAll(), "from the oldest file on disk: 0-11 again, none lost");
        assertEquals(files, cycleFiles());
    }

    @Test
    void aCheckedPositionBeyondTheQueuesEndMeansEverythingOnDiskIsCompleteAndLaterMessagesAreNotSkipped()
            throws Exception {
        runBefore(19, true);
        // ahead of everything on disk: the queue lost its tail (a power cut with storage.sync: none) after the
        // position had passed it
        writeChecked(CYCLE.toIndex(CYCLE.toCycle(indexOf.get(19)) + 10, 5));
        assertEquals(List.of(), restartAndReadAll());
        append(tenant(), 20, 3, 1);
        closeAll();
        assertEquals(ids(20, 22), restartAndReadAll(), "new messages get smaller indexes than the stale position");
    }

    @Test
    void aCheckedPositionOlderThanEveryFileOnDiskResumesAtTheOldest() throws Exception {
        runBefore(11, true);
        // a stale position (forced less often than the queue): in a cycle housekeeping has since deleted
        writeChecked(indexOf.get(3));
        assertEquals(ids(10, 19), restartAndReadAll(), "at worst duplicates: 10 and 11");
    }

    @Test
    void aCheckedPositionWhoseCycleFileIsGoneResumesAtTheNextCycleNotAtTheStart() throws Exception {
        runBefore(11, false);
        // someone deleted the committed message's file (ids 10-14) by hand; 0-9 before it are complete
        Files.delete(inboundDir().resolve(cycleFiles().get(2)));
        assertEquals(ids(15, 19), restartAndReadAll());
    }
}
