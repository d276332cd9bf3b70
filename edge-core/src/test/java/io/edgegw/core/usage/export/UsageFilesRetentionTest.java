package io.edgegw.core.usage.export;

import io.edgegw.core.config.StorageConfig;
import io.edgegw.core.config.UsageConfig;
import io.edgegw.core.queue.RollCycleNames;
import io.edgegw.core.queue.TenantQueues;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.openhft.chronicle.queue.RollCycle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Daily usage files older than usage.files.retentionDays are deleted by the export's thread, at start and each new day. */
class UsageFilesRetentionTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private static final RollCycle CYCLE = RollCycleNames.forName(StorageConfig.DEFAULT_ROLL_CYCLE);

    @TempDir
    Path dir;

    /** A clock the test moves; the export reads it on its thread. */
    private static final class TestClock extends Clock {
        final AtomicLong millis;

        TestClock(Instant start) {
            millis = new AtomicLong(start.toEpochMilli());
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(millis.get());
        }
    }

    private Path files() {
        return dir.resolve("usage-files");
    }

    private void day(LocalDate day) throws IOException {
        Files.writeString(files().resolve("usage-" + day + ".jsonl"), "{}\n");
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(files())) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void dayFilesOlderThanTheRetentionGoAtStartAndAtEachNewDayOthersStay() throws Exception {
        TenantQueues.open(dir.resolve("usage"), CYCLE).close(); // the usage journal, empty
        Files.createDirectories(files());
        day(TODAY.minusDays(31));
        day(TODAY.minusDays(30));
        day(TODAY.minusDays(1));
        day(TODAY);
        Files.writeString(files().resolve("usage-summary.jsonl"), "not a day's file\n");
        Files.writeString(files().resolve("notes.txt"), "the operator's\n");
        TestClock clock = new TestClock(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC));
        UsageConfig config = UsageConfig.DEFAULTS.withFiles(new UsageConfig.Files(true, 30));
        try (UsageExports exports = new UsageExports(config, dir, CYCLE, new SimpleMeterRegistry(), clock)) {
            exports.start();
            await().untilAsserted(() -> assertEquals(List.of("notes.txt", "usage-" + TODAY.minusDays(30) + ".jsonl",
                    "usage-" + TODAY.minusDays(1) + ".jsonl", "usage-" + TODAY + ".jsonl", "usage-summary.jsonl"),
                    names(), "kept: the 30 days before today, today, and what is not a day's file"));

            clock.millis.addAndGet(24 * 3600 * 1000L); // midnight passes
            await().untilAsserted(() -> assertEquals(List.of("notes.txt", "usage-" + TODAY.minusDays(1) + ".jsonl",
                    "usage-" + TODAY + ".jsonl", "usage-summary.jsonl"), names()));
        }
    }
}
