package io.edgegw.smpp.window;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sequence numbers of one SMPP session, shared by the dispatcher thread (submits, deliveries) and the event
 * loop (enquire_link, unbind). SMPP 3.4 allows 0x00000001..0x7FFFFFFF; it wraps back to 1.
 */
public final class SequenceNumbers {
    private static final int MAX = Integer.MAX_VALUE;

    private final AtomicInteger last = new AtomicInteger();

    public int next() {
        return last.updateAndGet(n -> n >= MAX ? 1 : n + 1);
    }
}
