package io.edgegw.core.receipt;

import io.edgegw.core.queue.TenantQueues;
import net.openhft.chronicle.core.time.SetTimeProvider;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.impl.single.SingleChronicleQueue;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The index thread's reading of the journal, driven by hand: batches, how far behind, resuming after a stop. */
class JournalFollowerTest {
    @TempDir
    Path dir;
    private final SetTimeProvider clock = new SetTimeProvider(Instant.parse("2026-12-07T09:00:00Z"));
    private final List<String> keys = new ArrayList<>();

    private CorrelationIndex index(ChronicleQueue q) throws Exception {
        return CorrelationIndex.open(dir.resolve("index"), q.rollCycle(), ((SingleChronicleQueue) q).epoch(),
                q.lastIndex() < 0 ? -1 : q.lastIndex(), Integer.MIN_VALUE);
    }

    private JournalFollower.Stop follow(JournalFollower f, int max) {
        return f.follow(max, Integer.MIN_VALUE, (hash, key, rest, at) -> keys.add(key.toString()));
    }

    @Test
    void followsInBatchesAcrossCyclesKnowsHowFarBehindItIsAndResumesAfterTheLastEntry() throws Exception {
        try (ChronicleQueue q = TenantQueues.open(dir.resolve("correlations"), TestRollCycles.TEST_SECONDLY, clock);
             Correlations c = new Correlations(q, 0, 3_600_000)) {
            c.open();
            for (int i = 0; i < 10; i++) {
                c.record("telco", "a" + i, new Correlation("acme", i, (byte) 1));
            }
            try (CorrelationIndex index = index(q); JournalFollower f = new JournalFollower(q, index, -1)) {
                assertEquals(10, f.behind());
                assertEquals(JournalFollower.Stop.MORE, follow(f, 4));
                assertEquals(4, f.read());
                assertEquals(6, f.behind());
                assertEquals(JournalFollower.Stop.END, follow(f, 100));
                assertEquals(0, f.behind());

                clock.currentTimeMillis(clock.currentTimeMillis() + 1000); // the next cycle
                for (int i = 10; i < 15; i++) {
                    c.record("telco", "a" + i, new Correlation("acme", i, (byte) 1));
                }
                assertEquals(5, f.behind());
                assertEquals(JournalFollower.Stop.MORE, follow(f, 2));
            }
            for (int i = 15; i < 20; i++) {
                c.record("telco", "a" + i, new Correlation("acme", i, (byte) 1));
            }
            // a new start: the index's checkpoint says where the last one stopped
            try (CorrelationIndex index = index(q); JournalFollower f = new JournalFollower(q, index,
                    index.resumeAfter())) {
                assertEquals(8, f.behind());
                assertEquals(JournalFollower.Stop.END, follow(f, 100));
                assertEquals(8, f.read());
            }
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("telco|a" + i);
        }
        assertEquals(expected, keys, "every entry once, in journal order");
    }

    @Test
    void anEntryWhoseIndexFileCannotBeMadeIsIndexedOnceItCanNotSkipped() throws Exception {
        try (ChronicleQueue q = TenantQueues.open(dir.resolve("correlations"), TestRollCycles.TEST_SECONDLY, clock);
             Correlations c = new Correlations(q, 0, 3_600_000)) {
            c.open();
            for (int i = 0; i < 3; i++) {
                c.record("telco", "a" + i, new Correlation("acme", i, (byte) 1));
            }
            int cycle = q.rollCycle().toCycle(q.lastIndex());
            Path blocker = dir.resolve("index").resolve(cycle + ".0.idx.tmp");
            try (CorrelationIndex index = index(q); JournalFollower f = new JournalFollower(q, index, -1)) {
                Files.createDirectories(blocker); // where the file would be made: as on a full disk, making it fails
                assertEquals(JournalFollower.Stop.CANNOT_WRITE, follow(f, 100));
                assertEquals(List.of(), keys);
                assertEquals(3, f.behind(), "nothing was taken as done");
                Files.delete(blocker);
                await().pollInSameThread().atMost(Duration.ofSeconds(10))
                        .until(() -> follow(f, 100) == JournalFollower.Stop.END);
            }
        }
        assertEquals(List.of("telco|a0", "telco|a1", "telco|a2"), keys);
    }
}
