package io.edgegw.simulator.load;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches receipts to acknowledged message ids. A receipt may overtake its submit_sm_resp (another session, or a
 * gateway that answers late), so an unknown id is remembered as early for a while. Both maps are bounded by the
 * run's message count.
 */
final class ReceiptLedger {
    private enum Entry { AWAITING, RECEIVED, EARLY }

    private final Map<String, Entry> byMessageId = new ConcurrentHashMap<>();
    private final long earlyLimit;
    private final AtomicLong early = new AtomicLong();
    final LongAdder matched = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder unknown = new LongAdder();

    ReceiptLedger(long messages) {
        this.earlyLimit = messages;
    }

    void acknowledged(String messageId) {
        byMessageId.compute(messageId, (id, old) -> {
            if (old == Entry.EARLY) {
                early.decrementAndGet();
                matched.increment();
                return Entry.RECEIVED;
            }
            return old == null ? Entry.AWAITING : old;
        });
    }

    void receipt(String messageId) {
        byMessageId.compute(messageId, (id, old) -> {
            if (old == null) {
                if (early.incrementAndGet() > earlyLimit) {
                    early.decrementAndGet();
                    unknown.increment();
                    return null;
                }
                return Entry.EARLY;
            }
            if (old == Entry.AWAITING) {
                matched.increment();
            } else {
                duplicates.increment();
            }
            return old == Entry.EARLY ? Entry.EARLY : Entry.RECEIVED;
        });
    }

    long matched() {
        return matched.sum();
    }

    /** Receipts for ids never acknowledged to us (still early at the end, or past the bound). */
    long unmatched() {
        return unknown.sum() + early.get();
    }

    long duplicates() {
        return duplicates.sum();
    }
}
