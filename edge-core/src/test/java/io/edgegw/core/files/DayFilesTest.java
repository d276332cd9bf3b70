package io.edgegw.core.files;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Day files: each line in the file of its UTC day, and a line torn by a kill is cut, never left or glued on. */
class DayFilesTest {
    private static final long DAY = 24L * 3600 * 1000;

    @TempDir
    Path dir;

    @Test
    void linesGoToTheFileOfTheirUtcDayAndATornLastLineIsCut() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 12, 6);
        LocalDate d2 = d1.plusDays(1);
        Files.writeString(dir.resolve("usage-" + d2 + ".jsonl"), "{\"id\":\"1\"}\n{\"id\":\"2\",\"ki"); // torn
        try (DayFiles f = new DayFiles(dir, "usage", 0, Clock.systemUTC(), "test")) {
            long midnight = d2.toEpochDay() * DAY;
            f.line(midnight).append("{\"id\":\"3\"}");
            DayFiles.endLine(f.line(midnight));
            f.line(midnight - 1).append("{\"id\":\"4\"}"); // a millisecond before: the day before
            DayFiles.endLine(f.line(midnight - 1));
            f.write();
            f.force();
        }
        assertEquals(List.of("{\"id\":\"1\"}", "{\"id\":\"3\"}"),
                Files.readAllLines(dir.resolve("usage-" + d2 + ".jsonl")));
        assertEquals(List.of("{\"id\":\"4\"}"), Files.readAllLines(dir.resolve("usage-" + d1 + ".jsonl")));
    }

    /** A torn tail longer than the block the file is read back in, and a file with no whole line at all. */
    @Test
    void aLongTornTailIsCutBackToTheLastWholeLineAndAFileOfNoneToNothing() throws Exception {
        LocalDate d1 = LocalDate.of(2026, 12, 6);
        LocalDate d2 = d1.plusDays(1);
        String torn = "{\"id\":\"2\",\"x\":\"" + "y".repeat(20_000);
        Files.writeString(dir.resolve("usage-" + d1 + ".jsonl"), "{\"id\":\"1\"}\n" + torn);
        Files.writeString(dir.resolve("usage-" + d2 + ".jsonl"), torn);
        try (DayFiles f = new DayFiles(dir, "usage", 0, Clock.systemUTC(), "test")) {
            DayFiles.endLine(f.line(d1.toEpochDay() * DAY).append("{\"id\":\"3\"}"));
            DayFiles.endLine(f.line(d2.toEpochDay() * DAY).append("{\"id\":\"4\"}"));
            f.write();
        }
        assertEquals(List.of("{\"id\":\"1\"}", "{\"id\":\"3\"}"),
                Files.readAllLines(dir.resolve("usage-" + d1 + ".jsonl")));
        assertEquals(List.of("{\"id\":\"4\"}"), Files.readAllLines(dir.resolve("usage-" + d2 + ".jsonl")));
    }

    @Test
    void moreDaysThanOpenFilesAreAllWritten() throws Exception {
        LocalDate d = LocalDate.of(2026, 1, 1);
        try (DayFiles f = new DayFiles(dir, "usage", 0, Clock.system(ZoneOffset.UTC), "test")) {
            for (int round = 0; round < 2; round++) {
                for (int i = 0; i < DayFiles.OPEN_FILES * 2; i++) {
                    DayFiles.Lines b = f.line(d.plusDays(i).toEpochDay() * DAY);
                    b.append(String.valueOf(round));
                    DayFiles.endLine(b);
                    f.write();
                }
            }
        }
        for (int i = 0; i < DayFiles.OPEN_FILES * 2; i++) {
            assertEquals(List.of("0", "1"), Files.readAllLines(dir.resolve("usage-" + d.plusDays(i) + ".jsonl")));
        }
    }

    @Test
    void retentionZeroKeepsEveryFileAndAnyOtherDeletesOnlyOlderDayFiles() throws Exception {
        LocalDate today = LocalDate.of(2026, 12, 7);
        Clock clock = Clock.fixed(today.atTime(8, 0).toInstant(ZoneOffset.UTC), ZoneOffset.UTC);
        Files.writeString(dir.resolve("usage-" + today.minusDays(4000) + ".jsonl"), "{}\n");
        Files.writeString(dir.resolve("usage-" + today.minusDays(3) + ".jsonl"), "{}\n");
        Files.writeString(dir.resolve("usage-x.jsonl"), "{}\n");
        try (DayFiles f = new DayFiles(dir, "usage", 0, clock, "test")) {
            f.retention();
        }
        assertEquals(3, Files.list(dir).count(), "0 keeps everything");
        try (DayFiles f = new DayFiles(dir, "usage", 2, clock, "test")) {
            f.retention();
        }
        assertEquals(List.of("usage-x.jsonl"), Files.list(dir).map(p -> p.getFileName().toString()).toList());
    }

    /** Lines are UTF-8 whatever they hold, and a write larger than the encoding buffer is whole. */
    @Test
    void nonAsciiIsUtf8AndALargeWriteIsWhole() throws Exception {
        LocalDate d = LocalDate.of(2026, 12, 7);
        long t = d.toEpochDay() * DAY;
        String big = "x".repeat(100_000);
        try (DayFiles f = new DayFiles(dir, "usage", 0, Clock.systemUTC(), "test")) {
            DayFiles.endLine(f.line(t).append("ascii"));
            f.write();
            DayFiles.endLine(f.line(t).append("m\u00fcller \u20ac \uD83D\uDE00"));
            DayFiles.endLine(f.line(t).append(big));
            f.write();
            DayFiles.endLine(f.line(t).append("after"));
            f.write();
        }
        assertEquals(List.of("ascii", "m\u00fcller \u20ac \uD83D\uDE00", big, "after"),
                Files.readAllLines(dir.resolve("usage-" + d + ".jsonl"), java.nio.charset.StandardCharsets.UTF_8));
    }
}
