package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The records' strings read back as Chronicle's own {@code read8bit} reads them, without its intern table. */
class QueueRecordsTest {
    @Test
    void stringsWrittenEightBitReadBackTheSame() {
        String[] values = {null, "", "4470123456", "\u00e9t\u00e9 \u00ff\u0000x", "x".repeat(300), "0".repeat(20_000)};
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        for (String v : values) {
            bytes.write8bit(v);
        }
        Bytes<?> again = Bytes.allocateElasticOnHeap(64);
        again.write(bytes, 0, bytes.writePosition());
        for (String v : values) {
            String chronicles = again.read8bit();
            String ours = QueueRecords.readString(bytes);
            assertEquals(v, ours);
            assertEquals(chronicles, ours);
        }
        bytes.releaseLast();
        again.releaseLast();
    }

    @Test
    void aStringLongerThanItsRecordIsCorrupt() {
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(16);
        bytes.writeStopBit(1_000);
        bytes.write(new byte[10]);
        assertThrows(IllegalStateException.class, () -> QueueRecords.readString(bytes));
        bytes.releaseLast();
    }

    @Test
    void aMessageReadsBackFieldForField() {
        byte[] payload = new byte[300];
        Arrays.fill(payload, (byte) 0xE9);
        ShortMessage m = new ShortMessage((byte) 1, (byte) 2, "1000", (byte) 3, (byte) 4, "447001234567", (byte) 4,
                (byte) 5, (byte) 1, (byte) 1, (byte) 8, payload);
        Bytes<?> bytes = Bytes.allocateElasticOnHeap(64);
        QueueRecords.writeDelivery(bytes, null, 2, m);
        QueueRecords.checkVersion(bytes);
        assertNull(QueueRecords.readString(bytes));
        assertEquals(2, bytes.readInt());
        ShortMessage back = QueueRecords.readMessage(bytes);
        assertEquals(m.sourceAddr(), back.sourceAddr());
        assertEquals(m.destAddr(), back.destAddr());
        assertEquals(m.dataCoding(), back.dataCoding());
        assertArrayEquals(m.payload(), back.payload());
        bytes.releaseLast();
    }
}
