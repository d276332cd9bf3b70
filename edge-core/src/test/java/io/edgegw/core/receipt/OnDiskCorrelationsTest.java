package io.edgegw.core.receipt;

import io.edgegw.core.queue.Housekeeping;
import io.edgegw.core.queue.TenantQueues;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The on-disk index on real Chronicle files with one-second cycles, Chronicle's clock set by the test: lookups find
 * what the journal holds without replaying it, a miss costs a bounded read, the index survives a crash (its files
 * copied while it runs: what a kill -9 leaves) and a power cut, and its files leave with their cycle.
 */
class OnDiskCorrelationsTest {
    private static final long SECOND = 1000;
    private static final long HOUR = 3600 * SECOND;

    @TempDir
    Path dir;
    private final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-12-07T09:00:00Z"));
    private final List<AutoCloseable> open = new ArrayList<>();
    private final BlockingQueue<Object[]> answers = new LinkedBlockingQueue<>();

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

    private ChronicleQueue journal() {
        return opened(TenantQueues.open(dir.resolve("correlations"), TestRollCycles.TEST_SECONDLY, clock));
    }

    private Path indexDir() {
        return dir.resolve("correlations-index");
    }

    private Correlations correlations(ChronicleQueue q) {
        Correlations c = opened(new Correlations(q, 0, HOUR)); // nothing in memory: every lookup is on disk
        c.open();
        return c;
    }

    private OnDiskCorrelations index(ChronicleQueue q, long retentionMillis) {
        OnDiskCorrelations d = new OnDiskCorrelations(q, indexDir(), retentionMillis);
        d.start((lookup, found, at) -> answers.add(new Object[] {lookup, found}));
        return d;
    }

    /** Looks {@code id} of carrier telco up and waits for the answer: the correlation, or null. */
    private Correlation lookUp(OnDiskCorrelations d, String id) throws InterruptedException {
        assertTrue(d.lookUp(new ReceiptLookup("telco", "telco|" + id, null, null, 0, 0, false)));
        Object[] a = answers.poll(10, TimeUnit.SECONDS);
        assertNotNull(a, "answered");
        assertEquals("telco|" + id, ((ReceiptLookup) a[0]).key());
        return (Correlation) a[1];
    }

    private static void record(Correlations c, int from, int to) {
        for (int i = from; i < to; i++) {
            c.record("telco", "m" + i, new Correlation(i % 2 == 0 ? "acme" : "globex", i, (byte) 1));
        }
    }

    private List<String> indexFiles() throws IOException {
        try (Stream<Path> s = Files.list(indexDir())) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".idx")).sorted().toList();
        }
    }

    @Test
    void aRestartReadsNoCorrelationAndStillFindsThemAll() throws Exception {
        ChronicleQueue q = journal();
        Correlations c = correlations(q);
        try (OnDiskCorrelations first = index(q, HOUR)) {
            record(c, 0, 3000);
            assertEquals(new Correlation("globex", 2999, (byte) 1), lookUp(first, "m2999"));
        }

        try (OnDiskCorrelations again = index(q, HOUR)) {
            for (int i : new int[] {0, 1, 1500, 2999}) {
                assertEquals(new Correlation(i % 2 == 0 ? "acme" : "globex", i, (byte) 1), lookUp(again, "m" + i));
            }
            assertNull(lookUp(again, "nobody's")); // answered once the index thread has reached the journal's end
            assertEquals(0, again.indexed(), "nothing of the journal was read again: the index is on disk");
            assertEquals(4, again.found());
        }
    }

    @Test
    void anIdNobodyWasGivenIsAbsentAfterABoundedReadAndNoJournalRead() throws Exception {
        ChronicleQueue q = journal();
        Correlations c = correlations(q);
        try (OnDiskCorrelations d = index(q, HOUR)) {
            for (int s = 0; s < 3; s++) { // three cycles, the last of 10,000 entries (in several parts)
                record(c, s * 100_000, s * 100_000 + (s == 2 ? 10_000 : 1_000));
                clock.currentTimeMillis(clock.currentTimeMillis() + SECOND);
            }
            assertNotNull(lookUp(d, "m209999"));
            long slotsBefore = d.slotsRead();
            int misses = 1000;
            Random random = new Random(13);
            for (int i = 0; i < misses; i++) {
                assertNull(lookUp(d, Long.toHexString(random.nextLong())));
            }
            List<String> files = indexFiles();
            assertTrue(files.size() > 3, "the busy cycle grew further parts: " + files);
            long slots = d.slotsRead() - slotsBefore;
            assertTrue(slots <= (long) misses * files.size() * IndexFile.MAX_PROBES, slots + " slots");
            assertTrue(slots <= misses * files.size() * 4L, "a miss reads a slot or two of each file, not a chain: "
                    + slots + " slots for " + misses + " misses in " + files.size() + " files");
            assertEquals(1000, d.absent());
            assertEquals(1, d.found());
        }
    }

    @Test
    void afterAKillTheIndexCatchesUpWithTheJournalFromItsCheckpointOnly() throws Exception {
        ChronicleQueue q = journal();
        Correlations c = correlations(q);
        Path crashed = dir.resolve("index-at-crash");
        try (OnDiskCorrelations d = index(q, HOUR)) {
            record(c, 0, 500);
            await().atMost(Duration.ofSeconds(10)).until(() -> d.indexed() == 500);
            copy(indexDir(), crashed); // the files as a kill -9 now would leave them: the page cache is the disk
            record(c, 500, 800); // journaled, indexed by this run only
            await().atMost(Duration.ofSeconds(10)).until(() -> d.indexed() == 800);
        }
        replace(indexDir(), crashed); // so the index lags the journal by 300 entries, as after that kill

        try (OnDiskCorrelations d = index(q, HOUR)) {
            for (int i : new int[] {0, 499, 500, 799}) {
                assertNotNull(lookUp(d, "m" + i), "m" + i);
            }
            assertNull(lookUp(d, "nobody's")); // answered once the index thread has reached the journal's end
            assertEquals(300, d.indexed(), "only the entries journaled after the checkpoint are indexed again");
        }
    }

    @Test
    void afterAPowerCutTheCyclesSinceTheLastSealedOneAreIndexedAgain() throws Exception {
        ChronicleQueue q = journal();
        Correlations c = correlations(q);
        try (OnDiskCorrelations d = index(q, HOUR)) {
            record(c, 0, 100);
            clock.currentTimeMillis(clock.currentTimeMillis() + SECOND);
            record(c, 100, 300); // entering this cycle seals the one before
            await().atMost(Duration.ofSeconds(10)).until(() -> d.indexed() == 300);
        }
        // another boot, and the index was not closed cleanly: stores since the last seal may never have been written
        try (FileChannel ch = FileChannel.open(indexDir().resolve("checkpoint"), StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(32), 32); // boot id and clean mark
        }

        try (OnDiskCorrelations d = index(q, HOUR)) {
            assertNotNull(lookUp(d, "m0"));
            assertNotNull(lookUp(d, "m299"));
            assertNull(lookUp(d, "nobody's")); // answered once the index thread has reached the journal's end
            assertEquals(200, d.indexed(), "the open cycle is indexed again, the sealed one is trusted");
        }
    }

    @Test
    void correlationsPastTheRetentionAreNotFoundAndTheirIndexFilesGoWithTheirCycle() throws Exception {
        ChronicleQueue q = journal();
        Correlations c = correlations(q);
        try (OnDiskCorrelations d = index(q, 10 * SECOND)) {
            record(c, 0, 10);
            clock.currentTimeMillis(clock.currentTimeMillis() + 10 * SECOND);
            record(c, 10, 20);
            assertNotNull(lookUp(d, "m19")); // so indexed up to the last
            assertNotNull(lookUp(d, "m0"));
            assertEquals(2, indexFiles().size());

            clock.currentTimeMillis(clock.currentTimeMillis() + SECOND); // the first cycle is now wholly past 10 s
            assertNull(lookUp(d, "m0"), "past the retention: not matched, even before its files go");
            await().atMost(Duration.ofSeconds(10)).until(() -> indexFiles().size() == 1);
            assertNotNull(lookUp(d, "m10"));
            try (Housekeeping h = new Housekeeping(List.of(), q, 10 * SECOND)) {
                h.runOnce();
                assertEquals(1, h.filesDeleted(), "the journal's cycle file goes too");
            }
        }
        try (OnDiskCorrelations d = index(q, 10 * SECOND)) {
            assertNull(lookUp(d, "m5"));
            assertNotNull(lookUp(d, "m15"));
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        try (Stream<Path> s = Files.list(from)) {
            for (Path p : s.toList()) {
                Files.copy(p, to.resolve(p.getFileName()));
            }
        }
    }

    private static void replace(Path dir, Path with) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) {
                Files.delete(p);
            }
        }
        copy(with, dir);
    }
}
