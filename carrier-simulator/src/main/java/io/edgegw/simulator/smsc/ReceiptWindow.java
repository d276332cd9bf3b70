package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.SequenceNumbers;
import io.netty.util.concurrent.ScheduledFuture;
import org.jsmpp.SMPPConstant;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The receipts one receiving session has written and not yet seen answered, or seen refused: at most {@link #LIMIT}
 * at once (beyond it they wait in the router's hold), each sent again elsewhere if unanswered or refused past the
 * resend timeout or if the connection closes (at least once). Receipts offered on the session's own event loop are
 * written at once and go out with the batch's flush; from other threads they queue and are written by one task for
 * all of them.
 */
final class ReceiptWindow {
    /** Unanswered deliver_sm per session; beyond it receipts wait in the router's hold. */
    static final int LIMIT = 1_000;

    /** A receipt on the wire (or refused), and the resend sweep during which it was written (or refused). */
    private record Outstanding(DeliveryReceipt receipt, long sweep) {
    }

    private final SmscSession session;
    private final SimulatedSmsc smsc;
    private final ReceiptRouter router;
    private final SmscCounters counters;
    private final MessageIdFormat ids;
    private final Map<Integer, Outstanding> outstanding = new LinkedHashMap<>();
    private final AtomicInteger slots = new AtomicInteger();
    private final Queue<DeliveryReceipt> fromOtherThreads = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    private final SequenceNumbers sequences = new SequenceNumbers();
    private final ReceiptDate submitDates = new ReceiptDate(ZoneId.systemDefault());
    private final ReceiptDate doneDates = new ReceiptDate(ZoneId.systemDefault());
    private final long sweepMillis;
    /** Sweeps a receipt must have lived through unanswered before it is resent: at least the resend timeout. */
    private final long sweepsToResend;
    private long sweeps;
    private boolean flushScheduled;
    private ScheduledFuture<?> resendSweep;

    ReceiptWindow(SmscSession session, SimulatedSmsc smsc, ReceiptRouter router) {
        this.session = session;
        this.smsc = smsc;
        this.router = router;
        this.counters = smsc.counters();
        this.ids = smsc.config().messageIdFormat();
        long resendMillis = smsc.config().receiptResendMillis();
        this.sweepMillis = Math.max(10, Math.min(1_000, resendMillis / 2));
        this.sweepsToResend = (resendMillis + sweepMillis - 1) / sweepMillis + 1;
    }

    /** The session bound as a receiver: start sweeping for overdue receipts. Event loop. */
    void start() {
        resendSweep = session.context().executor().scheduleAtFixedRate(this::resendOverdue, sweepMillis, sweepMillis,
                TimeUnit.MILLISECONDS);
    }

    /** Takes the receipt if the session is receiving and has a free slot; any thread. */
    boolean offer(DeliveryReceipt receipt) {
        var ctx = session.context();
        if (!session.state().canReceive() || ctx == null || !ctx.channel().isActive()
                || smsc.faults().current().silent()) {
            // Closed but channelInactive still to run counts as gone: written here, send() would hand it back to
            // the router, which would offer it here again.
            return false;
        }
        if (slots.incrementAndGet() > LIMIT) {
            slots.decrementAndGet();
            return false;
        }
        if (ctx.executor().inEventLoop()) {
            send(receipt);
            flushSoon();
            return true;
        }
        fromOtherThreads.add(receipt);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                ctx.executor().execute(this::drainOtherThreads);
            } catch (RejectedExecutionException e) {
                drainScheduled.set(false); // the SMSC is shutting down
                if (fromOtherThreads.remove(receipt)) {
                    slots.decrementAndGet();
                    return false;
                }
            }
        }
        return true;
    }

    private void drainOtherThreads() {
        drainScheduled.set(false);
        DeliveryReceipt receipt;
        while ((receipt = fromOtherThreads.poll()) != null) {
            send(receipt);
        }
        session.endBatch();
    }

    /**
     * A receipt written on this event loop from outside this session's own batches (another session's read on the
     * same loop routed it here) still needs a flush: one task per batch of them.
     */
    private void flushSoon() {
        if (!session.inBatch() && !flushScheduled) {
            flushScheduled = true;
            try {
                session.context().executor().execute(() -> {
                    flushScheduled = false;
                    session.endBatch();
                });
            } catch (RejectedExecutionException e) {
                flushScheduled = false; // the SMSC is shutting down: nothing left to flush to
            }
        }
    }

    /** Pulls held receipts for this system_id while slots are free; any thread. */
    void drainHeld() {
        var ctx = session.context();
        if (ctx == null || ctx.executor().isShuttingDown()) {
            return;
        }
        ctx.executor().execute(() -> {
            while (session.state().canReceive() && ctx.channel().isActive() && slots.get() < LIMIT
                    && !smsc.faults().current().silent()) {
                DeliveryReceipt receipt = router.pollHeld(session.systemId());
                if (receipt == null) {
                    break;
                }
                slots.incrementAndGet();
                send(receipt);
            }
            session.endBatch();
        });
    }

    /** Writes one receipt; a slot has been reserved by the caller. Event loop only. */
    private void send(DeliveryReceipt receipt) {
        if (!session.state().canReceive() || !session.context().channel().isActive()
                || smsc.faults().current().silent()) {
            slots.decrementAndGet();
            router.route(receipt, null);
            return;
        }
        int sequence = sequences.next();
        receipt.writeTo(session.outbox().buffer(256), sequence, ids, submitDates, doneDates);
        outstanding.put(sequence, new Outstanding(receipt, sweeps));
        if (!receipt.written()) {
            counters.receiptsSent.increment();
        } else {
            counters.receiptsResent.increment();
        }
    }

    /** The deliver_sm_resp for {@code sequence}. Event loop. */
    void answered(int sequence, int status) {
        Outstanding done = outstanding.remove(sequence);
        if (done == null) {
            return; // answered after we gave up and resent it: the resend will be counted on its own
        }
        if (status == SMPPConstant.STAT_ESME_ROK) {
            slots.decrementAndGet();
            counters.receiptsAcknowledged.increment();
        } else {
            // Refused (its queue full, a gateway catching up after a restart): sent again once the resend timeout has
            // passed, as an SMSC backs off, and not at once, when five refusals in a moment dropped it. It waits in
            // its slot, under a key no answer carries (sequence numbers are positive).
            outstanding.put(-sequence, new Outstanding(done.receipt(), sweeps));
        }
        if (!router.isEmptyHold(session.systemId())) {
            drainHeld();
        }
    }

    /** Receipts unanswered past the resend timeout are routed again (counted, bounded by MAX_ATTEMPTS). */
    private void resendOverdue() {
        sweeps++;
        List<DeliveryReceipt> overdue = new ArrayList<>();
        Iterator<Outstanding> it = outstanding.values().iterator();
        while (it.hasNext()) {
            Outstanding o = it.next();
            if (sweeps - o.sweep() < sweepsToResend) {
                break; // insertion order is send order: the rest are younger
            }
            it.remove();
            slots.decrementAndGet();
            overdue.add(o.receipt().nextAttempt());
        }
        // Routed once the map is left alone: the router may hand one straight back to this session.
        for (DeliveryReceipt receipt : overdue) {
            router.route(receipt, null);
        }
        session.endBatch();
    }

    /**
     * The connection closed: unanswered receipts may or may not have arrived, so they go again elsewhere, or wait
     * in the hold for the next bind. No attempt is counted: a closed connection is no answer from the receiver.
     */
    void close() {
        if (resendSweep != null) {
            resendSweep.cancel(false);
        }
        List<Outstanding> unanswered = new ArrayList<>(outstanding.values());
        outstanding.clear();
        for (Outstanding o : unanswered) {
            router.route(o.receipt().handedBack(), null);
        }
        DeliveryReceipt queued;
        while ((queued = fromOtherThreads.poll()) != null) {
            router.route(queued, null); // never written: not an attempt
        }
        slots.set(0);
    }
}
