package io.edgegw.sip.cdr;

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

/** Daily CDR files older than the retention are deleted by the CDR writer's own thread, at start and at each new day. */
class CdrRetentionTest {
    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);

    @TempDir
    Path dir;

    /** A clock the test moves; the writer reads it on its thread. */
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

    private Path cdr(LocalDate day) throws IOException {
        return Files.writeString(dir.resolve("calls-" + day + ".jsonl"), "{}\n");
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void filesOlderThanTheRetentionGoAtStartAndAtEachNewDayOthersStay() throws Exception {
        cdr(TODAY.minusDays(400));
        cdr(TODAY.minusDays(91));
        cdr(TODAY.minusDays(90));
        cdr(TODAY.minusDays(1));
        cdr(TODAY);
        Files.writeString(dir.resolve("calls-summary.jsonl"), "not a day's file\n");
        Files.writeString(dir.resolve("notes.txt"), "the operator's\n");
        TestClock clock = new TestClock(TODAY.atTime(12, 0).toInstant(ZoneOffset.UTC));

        try (CdrWriter w = new CdrWriter(dir, 90, clock)) {
            await().untilAsserted(() -> assertEquals(List.of("calls-" + TODAY.minusDays(90) + ".jsonl", "calls-" + TODAY.minusDays(1) + ".jsonl",
                    "calls-" + TODAY + ".jsonl", "calls-summary.jsonl", "notes.txt"), files(),
                    "kept: the last 90 days before today, today, and what is not a day's file"));

            clock.millis.addAndGet(24 * 3600 * 1000L); // midnight passes
            await().untilAsserted(() -> assertEquals(List.of("calls-" + TODAY.minusDays(1) + ".jsonl",
                    "calls-" + TODAY + ".jsonl", "calls-summary.jsonl", "notes.txt"), files()));
        }
    }

    @Test
    void aRetentionOfZeroKeepsEveryFile() throws Exception {
        cdr(TODAY.minusDays(4000));
        TestClock clock = new TestClock(TODAY.atStartOfDay().toInstant(ZoneOffset.UTC));
        try (CdrWriter w = new CdrWriter(dir, 0, clock)) {
            w.add(new CallRecord("acme", "telco", "1", "2", "c1", TODAY + "T00:00:01.000Z", null,
                    TODAY + "T00:00:02.000Z", 0, 486, 0, "callee"));
            // the record's file appears once the writer has passed its retention check for the day
            await().until(() -> Files.exists(dir.resolve("calls-" + TODAY + ".jsonl")));
        }
        assertEquals(2, files().size());
    }
}
