package io.edgegw.simulator.load;

import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Matches receipts to acknowledged message ids, and times each message from its submit to its receipt (what a
 * tenant feels as delivery delay: queueing in the gateway, the carrier, the carrier's receipt delay). A receipt may
 * overtake its submit_sm_resp (another session, or a gateway that answers late), so an unknown id is remembered as
 * early for a while. The map is bounded by the run's message count.
 */
final class ReceiptLedger {
    /** Value of an id whose receipt was matched. Awaiting ids map to their submit time (a Long). */
    private static final Object RECEIVED = new Object();

    /** A receipt that came before its submit_sm_resp, with when it came. */
    private record Early(long receivedNanos) {
    }

    /** Sized for the run up front (to a bound): growing it while every event loop writes is a copy of the whole map. */
    private final Map<String, Object> byMessageId;
    private final long earlyLimit;
    private final AtomicLong early = new AtomicLong();
    final LongAdder matched = new LongAdder();
    final LongAdder duplicates = new LongAdder();
    final LongAdder unknown = new LongAdder();
    /** submit -> receipt, microseconds. */
    final Recorder receiptLatencyMicros = new Recorder(3);

    ReceiptLedger(long messages) {
        this.byMessageId = new ConcurrentHashMap<>((int) Math.min(messages, 1 << 22));
        this.earlyLimit = messages;
    }

    void acknowledged(String messageId, long submittedNanos) {
        byMessageId.compute(messageId, (id, old) -> {
            if (old instanceof Early e) {
                early.decrementAndGet();
                matched.increment();
                record(e.receivedNanos() - submittedNanos);
                return RECEIVED;
            }
            return old == null ? Long.valueOf(submittedNanos) : old;
        });
    }

    /** A receipt for {@code messageId} read at {@code now} (System.nanoTime). */
    void receipt(String messageId, long now) {
        byMessageId.compute(messageId, (id, old) -> {
            if (old == null) {
                if (early.incrementAndGet() > earlyLimit) {
                    early.decrementAndGet();
                    unknown.increment();
                    return null;
                }
                return new Early(now);
            }
            if (old instanceof Long submitted) {
                matched.increment();
                record(now - submitted);
                return RECEIVED;
            }
            duplicates.increment();
            return old;
        });
    }

    private void record(long nanos) {
        receiptLatencyMicros.recordValue(Math.max(0, nanos / 1_000));
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
