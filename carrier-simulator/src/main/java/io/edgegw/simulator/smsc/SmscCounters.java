package io.edgegw.simulator.smsc;

import io.edgegw.simulator.SmppStatus;
import org.jsmpp.SMPPConstant;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** What the SMSC has seen and done; written from every event loop without locks, read by anyone. */
public final class SmscCounters {
    final LongAdder binds = new LongAdder();
    final LongAdder bindsRefused = new LongAdder();
    final LongAdder submitsReceived = new LongAdder();
    final LongAdder receiptsSent = new LongAdder();
    final LongAdder receiptsResent = new LongAdder();
    final LongAdder receiptsAcknowledged = new LongAdder();
    final LongAdder receiptsDropped = new LongAdder();
    final LongAdder connectionsDropped = new LongAdder();
    final LongAdder submitsErrored = new LongAdder();
    final LongAdder submitsDelayed = new LongAdder();
    final LongAdder receiptsSuppressed = new LongAdder();
    final LongAdder pdusIgnored = new LongAdder();
    private final Map<Integer, LongAdder> submitsAnswered = new ConcurrentHashMap<>();

    void answered(int status) {
        LongAdder adder = submitsAnswered.get(status); // plain read first: computeIfAbsent may lock a bin
        if (adder == null) {
            adder = submitsAnswered.computeIfAbsent(status, s -> new LongAdder());
        }
        adder.increment();
    }

    public long binds() {
        return binds.sum();
    }

    public long bindsRefused() {
        return bindsRefused.sum();
    }

    public long submitsReceived() {
        return submitsReceived.sum();
    }

    /** Submits answered with {@code status} (an SMPPConstant.STAT_* value). */
    public long submitsAnswered(int status) {
        LongAdder adder = submitsAnswered.get(status);
        return adder == null ? 0 : adder.sum();
    }

    /** By status name, e.g. {ESME_ROK=1990, ESME_RTHROTTLED=10}. */
    public Map<String, Long> submitsAnsweredByStatus() {
        Map<String, Long> byName = new TreeMap<>();
        submitsAnswered.forEach((status, adder) -> byName.put(SmppStatus.name(status), adder.sum()));
        return byName;
    }

    /** deliver_sm receipts written, first attempts only. */
    public long receiptsSent() {
        return receiptsSent.sum();
    }

    public long receiptsResent() {
        return receiptsResent.sum();
    }

    public long receiptsAcknowledged() {
        return receiptsAcknowledged.sum();
    }

    /** Receipts given up on: held queue full or out of attempts. */
    public long receiptsDropped() {
        return receiptsDropped.sum();
    }

    /** Connections closed by the drop fault (at once or after binding). */
    public long connectionsDropped() {
        return connectionsDropped.sum();
    }

    /** Submits answered with an error status by the error-mix fault. */
    public long submitsErrored() {
        return submitsErrored.sum();
    }

    /** Submits answered ESME_RTHROTTLED, by the configured cap or the throttle fault. */
    public long submitsThrottled() {
        return submitsAnswered(SMPPConstant.STAT_ESME_RTHROTTLED);
    }

    /** Submits whose answer the latency fault delayed. */
    public long submitsDelayed() {
        return submitsDelayed.sum();
    }

    /** Receipts the receipt-loss fault never sent. */
    public long receiptsSuppressed() {
        return receiptsSuppressed.sum();
    }

    /** PDUs read and left unanswered by the silent fault. */
    public long pdusIgnored() {
        return pdusIgnored.sum();
    }

    public String statusLine() {
        return "binds=" + binds() + " refused=" + bindsRefused() + " submits=" + submitsReceived()
                + " answered=" + submitsAnsweredByStatus() + " receipts=" + receiptsSent()
                + " resent=" + receiptsResent() + " acked=" + receiptsAcknowledged() + " dropped=" + receiptsDropped()
                + " fault-effects: conn-dropped=" + connectionsDropped() + " errored=" + submitsErrored()
                + " throttled=" + submitsThrottled() + " delayed=" + submitsDelayed()
                + " receipts-suppressed=" + receiptsSuppressed() + " ignored=" + pdusIgnored();
    }
}
