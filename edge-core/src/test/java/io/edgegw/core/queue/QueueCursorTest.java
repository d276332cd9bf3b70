package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.queue.ExcerptAppender;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import net.openhft.chronicle.wire.DocumentContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A record that cannot be decoded is skipped and completed, so it never holds the committed position. */
class QueueCursorTest {
    @TempDir
    Path dir;

    private static final QueueCursor.Decoder<ShortMessage> SUBMIT = (in, ticket) -> {
        QueueRecords.checkVersion(in);
        in.readLong();
        in.readLong();
        return QueueRecords.readMessage(in);
    };

    @Test
    void anUndecodableRecordIsSkippedAndDoesNotHoldTheCommittedPosition() {
        try (TenantQueues q = new TenantQueues(dir, "acme", 0, TestRollCycles.TEST_SECONDLY)) {
            long goodIndex;
            try (ExcerptAppender a = q.inbound().createAppender()) {
                try (DocumentContext dc = a.writingDocument()) {
                    dc.wire().bytes().writeByte((byte) 99); // a version nobody wrote: corruption
                    dc.wire().bytes().writeLong(7);
                }
                try (DocumentContext dc = a.writingDocument()) {
                    QueueRecords.writeSubmit(dc.wire().bytes(), 1, 2, TestConfigs.sms("447700900001", false));
                }
                goodIndex = a.lastIndexAppended();
            }
            try (QueueCursor cursor = new QueueCursor(q.inbound(), q.inboundPositionFile(), 16, q.inboundDepth())) {
                cursor.open();
                assertNull(cursor.next(SUBMIT), "the corrupt record yields nothing");
                assertEquals(1, cursor.undecodable());
                assertEquals(0, cursor.inFlight(), "and holds no slot");
                ShortMessage m = cursor.next((in, ticket) -> {
                    ShortMessage s = SUBMIT.decode(in, ticket);
                    cursor.complete(ticket);
                    return s;
                });
                assertEquals("447700900001", m.destAddr());
                assertEquals(0, q.inboundDepth().depth());
            }
            try (QueueCursor again = new QueueCursor(q.inbound(), q.inboundPositionFile(), 16, q.inboundDepth())) {
                again.open();
                assertNull(again.next(SUBMIT), "both were completed: a restart reads nothing again");
                assertEquals(0, again.undecodable());
            }
            try (AckTracker tracker = new AckTracker(q.inboundPositionFile(), 16)) {
                assertEquals(goodIndex, tracker.committed());
            }
        }
    }
}
