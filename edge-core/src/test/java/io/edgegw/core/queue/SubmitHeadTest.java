package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.bytes.Bytes;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link QueueRecords#readSubmitHead} reads every submit version the journal writes, and leaves the message next. */
class SubmitHeadTest {
    private static void readsBack(long validUntil) {
        readsBack(validUntil, 0);
    }

    private static void readsBack(long validUntil, long due) {
        readsBack(validUntil, due, 0);
    }

    private static void readsBack(long validUntil, long due, int sar) {
        ShortMessage sms = TestConfigs.sms("447700900123", true);
        ShortMessage m = new ShortMessage(sms.sourceTon(), sms.sourceNpi(), sms.sourceAddr(), sms.destTon(),
                sms.destNpi(), sms.destAddr(), sms.esmClass(), sms.protocolId(), sms.priorityFlag(),
                sms.registeredDelivery(), sms.dataCoding(), sms.payload(), sar);
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        QueueRecords.writeSubmit(b, 42, 1_765_000_000_000L, validUntil, due, m);
        QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
        QueueRecords.readSubmitHead(b, head);
        assertEquals(42, head.gatewayId);
        assertEquals(1_765_000_000_000L, head.acceptedMillis);
        assertEquals(validUntil, head.validUntilMillis);
        assertEquals(due, head.dueMillis);
        assertEquals(sar, head.sar);
        ShortMessage again = QueueRecords.readMessage(b, head.sar);
        assertEquals(m.destAddr(), again.destAddr());
        assertEquals(sar, again.sar());
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
    void aSarPart() { // version 5: validity end, due time (either may be 0), then the SAR values
        int sar = ShortMessage.sar(0xBEEF, 3, 2);
        readsBack(0, 0, sar);
        readsBack(1_765_000_600_000L, 1_765_000_300_000L, sar);
        readsBack(1_765_000_600_000L, 0, ShortMessage.sar(0, 255, 255));
    }

    @Test
    void eachVersionIsWrittenOnlyWhenItsFieldsAreNeeded() { // so an earlier gateway reads what it can carry
        assertEquals(QueueRecords.VERSION, firstByte(0, 0, 0));
        assertEquals(QueueRecords.VERSION_VALID_UNTIL, firstByte(1, 0, 0));
        assertEquals(QueueRecords.VERSION_SCHEDULED, firstByte(1, 2, 0));
        assertEquals(QueueRecords.VERSION_SAR, firstByte(0, 0, ShortMessage.sar(1, 2, 1)));
    }

    @Test
    void aCopyTheGatewayMadeOfAScheduledSubmitKeepsItsFieldsAndSaysItIsACopy() { // versions 4 and 6 (a SAR part)
        for (int sar : new int[] {0, ShortMessage.sar(0x1234, 2, 2)}) {
            ShortMessage sms = TestConfigs.sms("447700900123", true);
            ShortMessage m = new ShortMessage(sms.sourceTon(), sms.sourceNpi(), sms.sourceAddr(), sms.destTon(),
                    sms.destNpi(), sms.destAddr(), sms.esmClass(), sms.protocolId(), sms.priorityFlag(),
                    sms.registeredDelivery(), sms.dataCoding(), sms.payload(), sar);
            Bytes<?> b = Bytes.allocateElasticOnHeap(64);
            QueueRecords.writeMoved(b, 42, 1_765_000_000_000L, 1_765_000_600_000L, 1_765_000_300_000L, m);
            assertEquals(sar == 0 ? QueueRecords.VERSION_MOVED : QueueRecords.VERSION_MOVED_SAR, b.peekUnsignedByte());
            QueueRecords.SubmitHead head = new QueueRecords.SubmitHead();
            QueueRecords.readSubmitHead(b, head);
            assertTrue(head.moved);
            assertEquals(42, head.gatewayId);
            assertEquals(1_765_000_600_000L, head.validUntilMillis);
            assertEquals(1_765_000_300_000L, head.dueMillis);
            assertEquals(sar, head.sar);
            ShortMessage again = QueueRecords.readMessage(b, head.sar);
            assertEquals(sar, again.sar());
            assertArrayEquals(m.payload(), again.payload());
            assertEquals(0, b.readRemaining());
            b.releaseLast();
        }
        QueueRecords.SubmitHead original = new QueueRecords.SubmitHead();
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        QueueRecords.writeSubmit(b, 1, 2, 0, 3, TestConfigs.sms("447700900123", true));
        QueueRecords.readSubmitHead(b, original);
        assertFalse(original.moved, "what a tenant submitted is no copy");
        b.releaseLast();
    }

    private static byte firstByte(long validUntil, long due, int sar) {
        ShortMessage sms = TestConfigs.sms("447700900123", true);
        Bytes<?> b = Bytes.allocateElasticOnHeap(64);
        QueueRecords.writeSubmit(b, 1, 2, validUntil, due, new ShortMessage(sms.sourceTon(), sms.sourceNpi(),
                sms.sourceAddr(), sms.destTon(), sms.destNpi(), sms.destAddr(), sms.esmClass(), sms.protocolId(),
                sms.priorityFlag(), sms.registeredDelivery(), sms.dataCoding(), sms.payload(), sar));
        byte first = b.readByte();
        b.releaseLast();
        return first;
    }

    @Test
    void anUnknownVersionIsRefused() {
        Bytes<?> b = Bytes.allocateElasticOnHeap(16);
        b.writeByte((byte) 99);
        assertThrows(IllegalStateException.class, () -> QueueRecords.readSubmitHead(b, new QueueRecords.SubmitHead()));
        b.releaseLast();
    }
}
