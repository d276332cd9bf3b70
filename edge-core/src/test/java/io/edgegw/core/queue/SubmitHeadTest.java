package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link QueueRecords#readSubmitHead} reads every submit version the journal writes, and leaves the message next. */
class SubmitHeadTest {
    private static void readsBack(long validUntil) {
        readsBack(validUntil, 0);
    }

    private static void readsBack(long validUntil, long due) {
        ShortMessage m = TestConfigs.sms("447700900123", true);
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        QueueRecords.writeSubmit(b, 42, 1_765_000_000_000L, validUntil, due, m);
        QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
        QueueRecords.readSubmitHead(b, head);
        assertEquals(42, head.gatewayId);
        assertEquals(1_765_000_000_000L, head.acceptedMillis);
        assertEquals(validUntil, head.validUntilMillis);
        assertEquals(due, head.dueMillis);
        ShortMessage again = QueueRecords.readMessage(b);
        assertEquals(m.destAddr(), again.destAddr());
        assertArrayEquals(m.payload(), again.payload());
        assertEquals(0, b.readRemaining());
        b.releaseLast();
    }

    @Test
    void aSubmitWithoutAValidity() {
        readsBack(0);
    }

    @Test
    void aSubmitWithItsValidity() {
        readsBack(1_765_000_600_000L);
    }

    @Test
    void aScheduledSubmit() { // version 3: the due time follows the validity end, with or without a validity
        readsBack(1_765_000_600_000L, 1_765_000_300_000L);
        readsBack(0, 1_765_000_300_000L);
    }

    @Test
    void anUnknownVersionIsRefused() {
        Bytes<?> b = Bytes.allocateElasticOnHeap(16);
        b.writeByte((byte) 99);
        assertThrows(IllegalStateException.class, () -> QueueRecords.readSubmitHead(b, new QueueRecords.SubmitHead()));
        b.releaseLast();
    }
}
