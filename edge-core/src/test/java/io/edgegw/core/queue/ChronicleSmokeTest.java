package io.edgegw.core.queue;

import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.ExcerptTailer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChronicleSmokeTest {
    @TempDir
    Path dir;

    @Test
    void aRecordWrittenIsReadBack() {
        try (ChronicleQueue q = ChronicleQueue.singleBuilder(dir.toFile()).build()) {
            ExcerptAppender a = q.createAppender();
            a.writeBytes(b -> b.writeLong(42L).write8bit("hello"));
            ExcerptTailer t = q.createTailer();
            long[] got = new long[1];
            String[] s = new String[1];
            assertTrue(t.readBytes(b -> { got[0] = b.readLong(); s[0] = b.read8bit(); }));
            assertEquals(42L, got[0]);
            assertEquals("hello", s[0]);
        }
    }
}
