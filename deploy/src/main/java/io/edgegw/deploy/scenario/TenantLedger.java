package io.edgegw.deploy.scenario;

import org.jsmpp.SMPPConstant;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the tenant saw, per scenario message: sent, acknowledged (with the gateway's message id), refused, or left
 * unanswered when its connection died; and every receipt that came back, by the id it carries. Written from the
 * binds' event loops, read by the scenario's thread.
 */
final class TenantLedger {
    enum Outcome { NOT_SENT, IN_FLIGHT, ACKNOWLEDGED, REFUSED, UNANSWERED }

    private static final Outcome[] OUTCOMES = Outcome.values();

    private final AtomicIntegerArray outcomes;
    private final AtomicReferenceArray<String> gatewayIds;
    private final Map<String, Integer> receiptsById = new ConcurrentHashMap<>();
    private final AtomicLong acknowledged = new AtomicLong();
    private final LongAdder refused = new LongAdder();
    private final LongAdder throttled = new LongAdder();
    private final LongAdder unanswered = new LongAdder();
    private final LongAdder receipts = new LongAdder();
    private final LongAdder misaddressed = new LongAdder();
    private final long alarmAt;
    private final CountDownLatch alarm = new CountDownLatch(1);
    private final int base;

    /** @param alarmAt {@link #alarm()} opens when this many messages are acknowledged */
    TenantLedger(int messages, long alarmAt) {
        this(messages, alarmAt, 0);
    }

    /**
     * @param base the carrier knows this tenant's message {@code n} as {@code base + n} (its marker), so tenants
     *             sharing one {@link CarrierLedger} keep apart
     */
    TenantLedger(int messages, long alarmAt, int base) {
        outcomes = new AtomicIntegerArray(messages);
        gatewayIds = new AtomicReferenceArray<>(messages);
        this.alarmAt = alarmAt;
        this.base = base;
    }

    /** The marker number of this tenant's message {@code n}: what the carrier ledger counts it under. */
    int marker(int n) {
        return base + n;
    }

    int messages() {
        return outcomes.length();
    }

    void sent(int n) {
        outcomes.set(n, Outcome.IN_FLIGHT.ordinal());
    }

    void answered(int n, int status, String gatewayId) {
        if (status == SMPPConstant.STAT_ESME_ROK && gatewayId != null) {
            gatewayIds.set(n, gatewayId);
            outcomes.set(n, Outcome.ACKNOWLEDGED.ordinal());
            if (acknowledged.incrementAndGet() == alarmAt) {
                alarm.countDown();
            }
        } else {
            outcomes.set(n, Outcome.REFUSED.ordinal());
            refused.increment();
        }
    }

    /** {@code n} was answered ESME_RTHROTTLED: not taken, to be sent again. */
    void throttled(int n) {
        outcomes.set(n, Outcome.NOT_SENT.ordinal());
        throttled.increment();
    }

    /** Answers ESME_RTHROTTLED so far (each message sent again after it). */
    long throttled() {
        return throttled.sum();
    }

    /** The connection carrying {@code n} died before its submit_sm_resp: the tenant cannot know its fate. */
    void unanswered(int n) {
        outcomes.set(n, Outcome.UNANSWERED.ordinal());
        unanswered.increment();
    }

    void receipt(String receiptedId) {
        receipt(receiptedId, true);
    }

    /** @param ownAddress false when it was addressed to another source_addr than this tenant submits from */
    void receipt(String receiptedId, boolean ownAddress) {
        receipts.increment();
        receiptsById.merge(receiptedId, 1, Integer::sum);
        if (!ownAddress) {
            misaddressed.increment();
        }
    }

    /** Receipts addressed to another tenant's source_addr: another tenant's receipts delivered here. */
    long misaddressed() {
        return misaddressed.sum();
    }

    /** Every id receipted to this tenant so far. */
    Set<String> receiptedIds() {
        return Set.copyOf(receiptsById.keySet());
    }

    CountDownLatch alarm() {
        return alarm;
    }

    Outcome outcome(int n) {
        return OUTCOMES[outcomes.get(n)];
    }

    /** The gateway's id for an acknowledged message, else null. */
    String gatewayId(int n) {
        return gatewayIds.get(n);
    }

    /** Receipts received carrying {@code gatewayId}. */
    int receipts(String gatewayId) {
        return receiptsById.getOrDefault(gatewayId, 0);
    }

    long acknowledged() {
        return acknowledged.get();
    }

    long refused() {
        return refused.sum();
    }

    long unanswered() {
        return unanswered.sum();
    }

    /** Every receipt deliver_sm received, repeats included. */
    long receiptsReceived() {
        return receipts.sum();
    }

    /** Distinct ids receipted; those not among {@code acknowledgedIds} belong to messages never acknowledged. */
    int distinctReceiptIds() {
        return receiptsById.size();
    }

    /** Acknowledged messages {@code carrier} has not accepted yet. */
    long notYetAt(CarrierLedger carrier) {
        long n = 0;
        for (int i = 0; i < messages(); i++) {
            if (outcome(i) == Outcome.ACKNOWLEDGED && carrier.copies(marker(i)) == 0) {
                n++;
            }
        }
        return n;
    }

    /** Acknowledged messages whose receipt has not come yet. */
    long receiptsDue() {
        long n = 0;
        for (int i = 0; i < messages(); i++) {
            if (outcome(i) == Outcome.ACKNOWLEDGED && receipts(gatewayId(i)) == 0) {
                n++;
            }
        }
        return n;
    }
}
