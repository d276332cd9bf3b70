package io.edgegw.core.queue;

import io.edgegw.core.queue.CommittedPosition.Found;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class CommittedPositionTest {
    @TempDir
    Path dir;

    @Test
    void eachWriteGoesToTheOtherSlotSoDamageToEitherLeavesAPositionAtMostOneStepOld() throws Exception {
        Path file = dir.resolve("q.committed");
        try (CommittedPosition p = new CommittedPosition(file)) {
            assertEquals(Found.NOTHING, p.found());
            p.set(100);
            p.set(101);
        }
        for (long damaged : new long[] {0, CommittedPosition.SLOT_BYTES}) {
            byte[] intact = Files.readAllBytes(file);
            try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
                f.seek(damaged + 3);
                f.write(0x77);
            }
            CommittedPosition.Read r = CommittedPosition.peek(file);
            assertEquals(Found.ONE_SLOT, r.found());
            assertEquals(damaged == CommittedPosition.newerSlotOffset(file) ? 100 : 101, r.value());
            Files.write(file, intact);
        }
        assertEquals(new CommittedPosition.Read(Found.INTACT, 101, 4), CommittedPosition.peek(file),
                "two writes after the two of creation");
    }

    @Test
    void peekingReadsWithoutCreatingOrChangingAFile() throws Exception {
        Path absent = dir.resolve("absent.committed");
        assertEquals(Found.NOTHING, CommittedPosition.peek(absent).found());
        assertEquals(false, Files.exists(absent));
        Path legacy = dir.resolve("legacy.committed");
        byte[] bytes = ByteBuffer.allocate(8).putLong(42).array();
        Files.write(legacy, bytes);
        assertEquals(new CommittedPosition.Read(Found.UNCHECKED, 42, 0), CommittedPosition.peek(legacy));
        assertArrayEquals(bytes, Files.readAllBytes(legacy));
    }

    @Test
    void aReaderOnItsOwnMappingSeesOnlyValuesWrittenAndNeverMoreThanOneWriteOld() throws Exception {
        Path file = dir.resolve("q.committed");
        int writes = 300_000;
        AtomicReference<String> wrong = new AtomicReference<>();
        try (CommittedPosition writer = new CommittedPosition(file);
             CommittedPosition reader = new CommittedPosition(file)) {
            Thread t = new Thread(() -> {
                long highest = 0;
                while (highest < writes * 3L) {
                    long v = reader.get();
                    // every value written is a multiple of 3, and they only grow: a slot being rewritten may leave
                    // the other, one write older, to be read
                    if (v % 3 != 0 || v < highest - 3) {
                        wrong.compareAndSet(null, "read " + v + " after " + highest);
                        return;
                    }
                    highest = Math.max(highest, v);
                }
            });
            t.start();
            for (long i = 1; i <= writes; i++) {
                writer.set(i * 3);
            }
            t.join(60_000);
        }
        assertNull(wrong.get());
    }
}
