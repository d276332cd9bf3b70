package io.edgegw.deploy.scenario;

import io.edgegw.simulator.smsc.SubmitObserver;

import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the simulated carrier accepted, per scenario message: how many copies of each, so loss and duplicates show;
 * and how many it read at all (a copy read but never answered, because the connection closed first, still counts
 * as a real SMSC would have it).
 */
final class CarrierLedger implements SubmitObserver {
    private final AtomicIntegerArray copies;
    private final AtomicIntegerArray received;
    private final LongAdder accepted = new LongAdder();
    private final LongAdder foreign = new LongAdder();

    CarrierLedger(int messages) {
        copies = new AtomicIntegerArray(messages);
        received = new AtomicIntegerArray(messages);
    }

    @Override
    public void received(byte[] shortMessage) {
        int n = MessageMarker.parse(shortMessage);
        if (n >= 0 && n < received.length()) {
            received.incrementAndGet(n);
        }
    }

    /** Copies beyond the first the carrier read (answered or not), over all messages. */
    long receivedDuplicates() {
        long d = 0;
        for (int i = 0; i < received.length(); i++) {
            d += Math.max(0, received.get(i) - 1);
        }
        return d;
    }

    @Override
    public void accepted(byte[] shortMessage, String messageId) {
        accepted.increment();
        int n = MessageMarker.parse(shortMessage);
        if (n < 0 || n >= copies.length()) {
            foreign.increment();
        } else {
            copies.incrementAndGet(n);
        }
    }

    /** Copies of message {@code n} the carrier accepted (0: it never got there). */
    int copies(int n) {
        return copies.get(n);
    }

    /** Every submit_sm accepted, duplicates included. */
    long accepted() {
        return accepted.sum();
    }

    /** Accepted submits that carried no scenario marker (should stay 0). */
    long foreign() {
        return foreign.sum();
    }

    /** Copies beyond the first, over all messages. */
    long duplicates() {
        long d = 0;
        for (int i = 0; i < copies.length(); i++) {
            d += Math.max(0, copies.get(i) - 1);
        }
        return d;
    }
}
