package io.edgegw.smpp.window;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WindowTest {
    private static final long FAR = Long.MAX_VALUE / 2;

    @Test
    void offersUpToTheLimitThenRefuses() {
        Window<String> window = new Window<>(3, new SequenceNumbers());
        assertNotEquals(-1, window.offer("a", FAR));
        assertNotEquals(-1, window.offer("b", FAR));
        assertNotEquals(-1, window.offer("c", FAR));
        assertEquals(-1, window.offer("d", FAR));
        assertEquals(0, window.available());
        assertEquals(3, window.inFlight());
    }

    @Test
    void responseCompletesItsOwnEntryOnceAndFreesASlot() {
        Window<String> window = new Window<>(2, new SequenceNumbers());
        int a = window.offer("a", FAR);
        window.offer("b", FAR);
        assertEquals("a", window.complete(a).request());
        assertNull(window.complete(a), "a duplicate response finds nothing");
        assertNull(window.complete(a + 1000), "an unknown sequence finds nothing");
        assertEquals(1, window.available());
    }

    @Test
    void occupiedSlotIsSkippedByTheNextOffer() {
        SequenceNumbers sequences = new SequenceNumbers();
        Window<String> window = new Window<>(2, sequences); // 4 slots
        int old = window.offer("slow", FAR);
        for (int i = 0; i < 20; i++) {
            int seq = window.offer("fast" + i, FAR);
            assertNotEquals(-1, seq);
            assertNotEquals(old & 3, -1);
            assertEquals("fast" + i, window.complete(seq).request());
        }
        assertEquals("slow", window.complete(old).request());
    }

    @Test
    void sweepReportsOnlyExpiredEntries() {
        Window<String> window = new Window<>(4, new SequenceNumbers());
        window.offer("early", 100);
        window.offer("late", 10_000);
        List<String> expired = new ArrayList<>();
        assertEquals(1, window.sweep(5_000, e -> expired.add(e.request())));
        assertEquals(List.of("early"), expired);
        assertEquals(1, window.inFlight());
    }

    @Test
    void drainReturnsEverythingAndClosesTheWindow() {
        Window<String> window = new Window<>(4, new SequenceNumbers());
        window.offer("a", FAR);
        window.offer("b", FAR);
        assertEquals(2, window.drain().size());
        assertEquals(-1, window.offer("c", FAR));
        assertEquals(0, window.available());
    }

    @Test
    void concurrentOfferAndCompleteLoseNothingAndNeverExceedTheLimit() throws Exception {
        int limit = 64;
        int total = 200_000;
        Window<Integer> window = new Window<>(limit, new SequenceNumbers());
        ConcurrentLinkedQueue<Integer> offered = new ConcurrentLinkedQueue<>();
        Set<Integer> completed = ConcurrentHashMap.newKeySet();
        AtomicBoolean done = new AtomicBoolean();
        AtomicBoolean overLimit = new AtomicBoolean();

        Thread completer = new Thread(() -> {
            while (!done.get() || !offered.isEmpty()) {
                Integer seq = offered.poll();
                if (seq != null) {
                    Window.Entry<Integer> e = window.complete(seq);
                    if (e == null || !completed.add(e.request())) {
                        overLimit.set(true); // reused as "lost or duplicated"
                    }
                }
            }
        });
        completer.start();
        for (int i = 0; i < total; i++) {
            int seq;
            while ((seq = window.offer(i, FAR)) == -1) {
                Thread.onSpinWait();
            }
            if (window.inFlight() > limit) {
                overLimit.set(true);
            }
            offered.add(seq);
        }
        done.set(true);
        completer.join(30_000);
        assertTrue(!overLimit.get(), "no entry lost, duplicated, or over the limit");
        assertEquals(total, completed.size());
        assertEquals(0, window.inFlight());
    }
}
