package io.edgegw.core.receipt;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.pipeline.MessageIds;
import io.edgegw.core.spi.AckSink;
import io.micrometer.core.instrument.Counter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.Iterator;

/**
 * Turns carrier receipts into tenant receipts carrying the gateway id, on the journal thread.
 * <p>
 * A receipt's correlation is looked for in memory ({@link Correlations}, the most recent ones), then, when not
 * there, on disk ({@link DiskLookups}: the index thread, whose answer comes back through the ring as
 * {@link #onLookedUp}), all within the correlation retention. Meanwhile the carrier's deliver_sm stays unanswered.
 * <p>
 * A receipt can overtake its submit_sm_resp (they travel on different binds), so one whose correlation is found
 * nowhere is parked, unanswered, and looked for in memory on every tick for up to {@link #PARK_NANOS}, then once
 * more on disk. While parked the carrier has no deliver_sm_resp, so a crash loses nothing: the carrier sends it
 * again. After that the receipt is answered ESME_ROK and dropped with a counter and a rate-limited WARN, because an
 * id unknown for that long is not ours (or older than the retention) and re-delivery would never help. When the park
 * or the disk lookups are full a new unknown receipt is answered ESME_RX_T_APPN so the carrier retries it later.
 */
public final class ReceiptCorrelator {
    /** Where correlated receipts go: the tenant's outbound queue (journal thread). */
    public interface Outbox {
        void appendToTenant(String tenantId, String receiptedMessageId, int messageState, ShortMessage message);

        /** An ack was answered outside the current event; flush it at the end of the batch. */
        void touched(AckSink ack);

        /** A carrier's final receipt, delivered or not, for the carrier's quality; {@code number} is the handset's. */
        default void receipted(String carrierId, String tenantId, String number, boolean delivered) {
        }
    }

    /** The correlations on disk, looked up off the journal thread. */
    public interface DiskLookups {
        /** Asks for a lookup whose answer comes to {@link #onLookedUp}; false when too many are under way. */
        boolean lookUp(ReceiptLookup lookup);
    }

    /**
     * The {@code journalIndex} of an answer that could not be had (the shared correlations in Redis unreachable): the
     * carrier is answered ESME_RX_T_APPN and sends the receipt again, rather than have it dropped as unknown.
     */
    public static final long UNAVAILABLE = -2;
    static final long PARK_NANOS = 30_000_000_000L;
    static final int PARK_MAX = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptCorrelator.class);
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);

    private final Correlations correlations;
    private final DiskLookups disk;
    private final Outbox outbox;
    private final Counter unmatched;
    private final OncePerMinute dropWarnings = new OncePerMinute();
    private final ArrayDeque<ReceiptLookup> parked = new ArrayDeque<>();
    private final PartReceipts partReceipts = new PartReceipts();
    /** Reused for every receipt's text: this class lives on the journal thread. */
    private final ReceiptText text = new ReceiptText();
    private int lookingUp;
    private volatile int pendingCount;

    public ReceiptCorrelator(Correlations correlations, DiskLookups disk, Outbox outbox, Counter unmatched) {
        this.correlations = correlations;
        this.disk = disk;
        this.outbox = outbox;
        this.unmatched = unmatched;
    }

    /** Receipts waiting for their correlation, parked or being looked up on disk, for a gauge (any thread). */
    public int parkedCount() {
        return pendingCount;
    }

    public void onDelivery(String carrierId, CarrierDelivery delivery, AckSink ack, int seq, long nowNanos) {
        String key = correlations.keyOf(carrierId, receiptId(delivery));
        Correlation c = key == null ? null : correlations.cached(key);
        if (c != null) {
            deliver(carrierId, key, c, delivery);
            ack.accepted(seq, null);
        } else if (key == null) {
            park(new ReceiptLookup(carrierId, null, delivery, ack, seq, nowNanos + PARK_NANOS, true));
        } else if (disk.lookUp(new ReceiptLookup(carrierId, key, delivery, ack, seq, nowNanos + PARK_NANOS, false))) {
            lookingUp++;
            pendingCount = parked.size() + lookingUp;
        } else {
            ack.rejected(seq, SmppStatus.ESME_RX_T_APPN);
        }
    }

    /**
     * The disk's answer for a receipt ({@code found} null when absent; {@code journalIndex} where it was found):
     * delivered, or parked, or after its last look dropped. The caller flushes the receipt's ack.
     */
    public void onLookedUp(ReceiptLookup l, Correlation found, long journalIndex, long nowNanos) {
        lookingUp--;
        Correlation c = found;
        if (c != null) {
            if (journalIndex >= 0) { // found in this instance's journal (not another instance's, through Redis)
                correlations.remember(l.key(), c, journalIndex);
            }
        } else {
            c = correlations.cached(l.key()); // its submit_sm_resp may have come meanwhile
        }
        if (c != null) {
            deliver(l.carrierId(), l.key(), c, l.delivery());
            l.ack().accepted(l.seq(), null);
        } else if (journalIndex == UNAVAILABLE) {
            l.ack().rejected(l.seq(), SmppStatus.ESME_RX_T_APPN);
        } else if (l.last() || nowNanos - l.deadlineNanos() >= 0) {
            drop(l);
        } else {
            park(l);
        }
        pendingCount = parked.size() + lookingUp;
    }

    private void park(ReceiptLookup l) {
        if (parked.size() >= PARK_MAX) {
            l.ack().rejected(l.seq(), SmppStatus.ESME_RX_T_APPN);
        } else {
            parked.add(l);
        }
        pendingCount = parked.size() + lookingUp;
    }

    /** Retries parked receipts in memory; past their time, gives each one last look on disk, or drops it. */
    public void onTick(long nowNanos) {
        if (parked.isEmpty()) {
            return;
        }
        for (Iterator<ReceiptLookup> it = parked.iterator(); it.hasNext(); ) {
            ReceiptLookup p = it.next();
            Correlation c = p.key() == null ? null : correlations.cached(p.key());
            if (c != null) {
                it.remove();
                deliver(p.carrierId(), p.key(), c, p.delivery());
                p.ack().accepted(p.seq(), null);
                outbox.touched(p.ack());
            } else if (nowNanos - p.deadlineNanos() >= 0) {
                it.remove();
                if (!p.last() && disk.lookUp(p.lastLook())) {
                    lookingUp++;
                } else {
                    drop(p);
                    outbox.touched(p.ack());
                }
            }
        }
        pendingCount = parked.size() + lookingUp;
    }

    private void drop(ReceiptLookup p) {
        unmatched.increment();
        p.ack().accepted(p.seq(), null);
        if (dropWarnings.allow(p.carrierId())) {
            LOG.warn("receipt from carrier {} for unknown message id {} dropped after {} s (counted in "
                    + "edge_receipts_unmatched_total; further ones from this carrier not logged for a minute)",
                    p.carrierId(), receiptId(p.delivery()), PARK_NANOS / 1_000_000_000L);
        }
    }

    /**
     * The {@code parts} correlations of message {@code gatewayId}, sent split, are journaled: its tenant gets one
     * receipt for them all ({@link PartReceipts}).
     */
    public void expectParts(long gatewayId, int parts) {
        partReceipts.expect(gatewayId, parts);
    }

    /** Writes a receipt the gateway itself decided (rejected, undeliverable, no route) for a tenant message. */
    public void failedReceipt(String tenantId, long gatewayId, long acceptedMillis, ShortMessage original,
                              String stat, int carrierStatus) {
        String id = MessageIds.render(gatewayId);
        String now = RECEIPT_DATE.format(Instant.now());
        DeliveryReceipt r = new DeliveryReceipt(id, "001", "000", RECEIPT_DATE.format(Instant.ofEpochMilli(acceptedMillis)),
                now, stat, String.format("%03d", carrierStatus & 0xFFF), "");
        outbox.appendToTenant(tenantId, id, SmppStatus.stateOf(stat), receiptMessage(original.destTon(), original.destNpi(),
                original.destAddr(), original.sourceTon(), original.sourceNpi(), original.sourceAddr(),
                r.format().getBytes(StandardCharsets.ISO_8859_1)));
    }

    /** Writes the tenant's receipt if it asked for one; a final state forgets the correlation in memory. */
    private void deliver(String carrierId, String key, Correlation c, CarrierDelivery d) {
        boolean parsed = text.parse(d.message().payload());
        int state = d.messageState() >= 0 ? d.messageState() : SmppStatus.stateOf(parsed ? text.stat() : null);
        int wants = c.registeredDelivery() & SmppStatus.REGISTERED_DELIVERY_MASK;
        boolean failureOnly = wants == 2;
        // a part of a message sent split: only the final receipt that decides the message goes on (PartReceipts)
        boolean decides = c.parts() <= 1 || SmppStatus.isFinal(state)
                && partReceipts.passOn(c.gatewayId(), c.part(), state == SmppStatus.STATE_DELIVERED);
        if (decides && wants != 0 && !(failureOnly && state == SmppStatus.STATE_DELIVERED)) {
            String gw = MessageIds.render(c.gatewayId());
            byte[] body = parsed ? text.format(gw)
                    : new DeliveryReceipt(gw, "001", "001", null, RECEIPT_DATE.format(Instant.now()),
                    statOf(state), "000", "").format().getBytes(StandardCharsets.ISO_8859_1);
            ShortMessage m = d.message();
            outbox.appendToTenant(c.tenantId(), gw, state, receiptMessage(m.sourceTon(), m.sourceNpi(), m.sourceAddr(),
                    m.destTon(), m.destNpi(), m.destAddr(), body));
        }
        if (SmppStatus.isFinal(state)) {
            correlations.forget(key);
            if (state == SmppStatus.STATE_DELIVERED || state == SmppStatus.STATE_UNDELIVERABLE
                    || state == SmppStatus.STATE_REJECTED || state == SmppStatus.STATE_EXPIRED) {
                // a receipt's source is the handset the message went to
                outbox.receipted(carrierId, c.tenantId(), d.message().sourceAddr(), state == SmppStatus.STATE_DELIVERED);
            }
        }
    }

    private String receiptId(CarrierDelivery d) {
        if (d.receiptedMessageId() != null && !d.receiptedMessageId().isBlank()) {
            return d.receiptedMessageId();
        }
        return text.parse(d.message().payload()) ? text.id() : null;
    }

    private static ShortMessage receiptMessage(byte sTon, byte sNpi, String src, byte dTon, byte dNpi, String dst,
                                               byte[] text) {
        return new ShortMessage(sTon, sNpi, src, dTon, dNpi, dst, (byte) SmppStatus.ESM_CLASS_DELIVERY_RECEIPT,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, text);
    }

    private static String statOf(int state) {
        switch (state) {
            case SmppStatus.STATE_DELIVERED: return "DELIVRD";
            case SmppStatus.STATE_EXPIRED: return "EXPIRED";
            case SmppStatus.STATE_DELETED: return "DELETED";
            case SmppStatus.STATE_UNDELIVERABLE: return "UNDELIV";
            case SmppStatus.STATE_ACCEPTED: return "ACCEPTD";
            case SmppStatus.STATE_REJECTED: return "REJECTD";
            default: return "UNKNOWN";
        }
    }

}
