package io.edgegw.core.queue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AckTrackerTest {
    @TempDir
    Path dir;

    @Test
    void theCommittedPositionAdvancesOnlyOverAnUnbrokenRunOfCompletedMessagesAndSurvivesReopening() {
        Path file = dir.resolve("q.committed");
        try (AckTracker t = new AckTracker(file, 4)) {
            long a = t.track(100);
            long b = t.track(101);
            long c = t.track(102);
            t.complete(b);
            t.complete(c);
            assertEquals(0, t.committed(), "the first is still out");
            t.complete(a);
            assertEquals(102, t.committed());
            long d = t.track(103);
            t.track(104);
            t.complete(d);
            assertEquals(103, t.committed());
        }
        try (AckTracker again = new AckTracker(file, 4)) {
            assertEquals(103, again.committed());
        }
    }
}
