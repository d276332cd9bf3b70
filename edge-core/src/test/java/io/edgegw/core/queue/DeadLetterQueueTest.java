package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.support.TestConfigs;
import net.openhft.chronicle.core.time.SystemTimeProvider;
import net.openhft.chronicle.queue.rollcycles.TestRollCycles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A tenant's dead letters on disk: kept in order, paged, settled by prefix, and what is settled stays settled. */
class DeadLetterQueueTest {
    @TempDir
    Path dir;

    private DeadLetterQueue open() {
        return new DeadLetterQueue(dir.resolve("deadletters"), dir.resolve("deadletters.committed"),
                TestRollCycles.TEST_DAILY, SystemTimeProvider.INSTANCE);
    }

    private static void append(DeadLetterQueue q, int n) {
        for (int i = 0; i < n; i++) {
            ShortMessage m = TestConfigs.sms("44770090000" + i, false);
            q.append(1_000 + i, 10, i % 2 == 0 ? 0x65 : DeadLetter.UNANSWERED, i % 2 == 0 ? "id" + i : null,
                    i % 2 == 0 ? 2 : -1, m);
        }
    }

    @Test
    void lettersArePagedOldestFirstWithWhatTheyWere() {
        try (DeadLetterQueue q = open()) {
            append(q, 5);
            DeadLetterQueue.Page first = q.list(0, 2);
            assertEquals(2, first.letters().size());
            DeadLetter d = first.letters().get(0);
            assertEquals(1_000, d.deadMillis());
            assertEquals(10, d.attempts());
            assertEquals(0x65, d.lastStatus());
            assertEquals("id0", d.receiptedMessageId());
            assertTrue(d.isReceipt());
            assertEquals("447700900000", d.message().destAddr());
            assertFalse(first.letters().get(1).isReceipt());
            assertEquals(DeadLetter.UNANSWERED, first.letters().get(1).lastStatus());

            List<DeadLetter> all = new ArrayList<>(first.letters());
            long next = first.next();
            while (next != 0) {
                DeadLetterQueue.Page p = q.list(next, 2);
                all.addAll(p.letters());
                next = p.next();
            }
            assertEquals(List.of("447700900000", "447700900001", "447700900002", "447700900003", "447700900004"),
                    all.stream().map(l -> l.message().destAddr()).toList());
        }
    }

    @Test
    void replayHandsOnAPrefixBoundedPerCallAndSettledLettersStaySettledAfterAReopen() {
        List<String> replayed = new ArrayList<>();
        long third;
        try (DeadLetterQueue q = open()) {
            append(q, 5);
            third = q.list(0, 5).letters().get(2).index();
            DeadLetterQueue.Settled s = q.replay(third, 2, (id, state, m) -> replayed.add(m.destAddr()));
            assertEquals(2, s.count());
            assertTrue(s.more(), "the third is left for the next call");
            s = q.replay(third, 2, (id, state, m) -> replayed.add(m.destAddr()));
            assertEquals(1, s.count());
            assertEquals(third, s.through());
            assertFalse(s.more());
            assertEquals(List.of("447700900000", "447700900001", "447700900002"), replayed);
            q.closeAppender();
        }
        try (DeadLetterQueue q = open()) {
            assertEquals(List.of("447700900003", "447700900004"),
                    q.list(0, 10).letters().stream().map(l -> l.message().destAddr()).toList());
            assertEquals(0, q.replay(third, 10, (id, state, m) -> replayed.add(m.destAddr())).count());
            DeadLetterQueue.Settled purged = q.purge(Long.MAX_VALUE, 10);
            assertEquals(2, purged.count());
            assertEquals(List.of(), q.list(0, 10).letters());
            assertEquals(0, q.list(0, 10).next());
            assertEquals(3, replayed.size(), "nothing settled is handed on again");
        }
    }
}
