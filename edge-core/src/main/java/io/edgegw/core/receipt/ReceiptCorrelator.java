package io.edgegw.core.receipt;

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
 * A receipt can overtake its submit_sm_resp (they travel on different binds), so one whose correlation is
 * unknown is parked, unanswered, and retried on every tick for up to {@link #PARK_NANOS}. While parked the
 * carrier has no deliver_sm_resp, so a crash loses nothing: the carrier sends it again. After that time the
 * receipt is answered ESME_ROK and dropped with a counter and a rate-limited WARN, because an id unknown for
 * that long is not ours (or predates the bounded correlation memory) and re-delivery would never help. When the
 * park is full a new unknown receipt is answered ESME_RX_T_APPN so the carrier retries it later.
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

    static final long PARK_NANOS = 30_000_000_000L;
    static final int PARK_MAX = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(ReceiptCorrelator.class);
    private static final DateTimeFormatter RECEIPT_DATE = DateTimeFormatter.ofPattern("yyMMddHHmm").withZone(ZoneOffset.UTC);
    private static final long WARN_EVERY_NANOS = 10_000_000_000L;

    private final Correlations correlations;
    private final Outbox outbox;
    private final Counter unmatched;
    private final ArrayDeque<Parked> parked = new ArrayDeque<>();
    private volatile int parkedCount;
    private long lastWarn = Long.MIN_VALUE / 2;

    public ReceiptCorrelator(Correlations correlations, Outbox outbox, Counter unmatched) {
        this.correlations = correlations;
        this.outbox = outbox;
        this.unmatched = unmatched;
    }

    /** Receipts waiting for their correlation, for the metrics gauge (read from any thread). */
    public int parkedCount() {
        return parkedCount;
    }

    public void onDelivery(String carrierId, CarrierDelivery delivery, AckSink ack, int seq, long nowNanos) {
        if (!tryDeliver(carrierId, delivery, ack, seq)) {
            if (parked.size() >= PARK_MAX) {
                ack.rejected(seq, SmppStatus.ESME_RX_T_APPN);
            } else {
                parked.add(new Parked(carrierId, delivery, ack, seq, nowNanos + PARK_NANOS));
                parkedCount = parked.size();
            }
        }
    }

    /** Retries parked receipts; expires those past their time. */
    public void onTick(long nowNanos) {
        if (parked.isEmpty()) {
            return;
        }
        for (Iterator<Parked> it = parked.iterator(); it.hasNext(); ) {
            Parked p = it.next();
            if (tryDeliver(p.carrierId, p.delivery, p.ack, p.seq)) {
                it.remove();
                outbox.touched(p.ack);
            } else if (nowNanos - p.deadline >= 0) {
                it.remove();
                unmatched.increment();
                p.ack.accepted(p.seq, null);
                outbox.touched(p.ack);
                if (nowNanos - lastWarn >= WARN_EVERY_NANOS) {
                    lastWarn = nowNanos;
                    LOG.warn("receipt from carrier {} for unknown message id {} dropped after {} s (counted in "
                            + "edge_receipts_unmatched_total; further ones not logged for 10 s)", p.carrierId,
                            receiptId(p.delivery), PARK_NANOS / 1_000_000_000L);
                }
            }
        }
        parkedCount = parked.size();
    }

    /** Writes a receipt the gateway itself decided (rejected, undeliverable, no route) for a tenant message. */
    public void failedReceipt(String tenantId, long gatewayId, long acceptedMillis, ShortMessage original,
                              String stat, int carrierStatus) {
        String id = MessageIds.render(gatewayId);
        String now = RECEIPT_DATE.format(Instant.now());
        DeliveryReceipt r = new DeliveryReceipt(id, "001", "000", RECEIPT_DATE.format(Instant.ofEpochMilli(acceptedMillis)),
                now, stat, String.format("%03d", carrierStatus & 0xFFF), "");
        outbox.appendToTenant(tenantId, id, SmppStatus.stateOf(stat), receiptMessage(original.destTon(), original.destNpi(),
                original.destAddr(), original.sourceTon(), original.sourceNpi(), original.sourceAddr(), r.format()));
    }

    private boolean tryDeliver(String carrierId, CarrierDelivery d, AckSink ack, int seq) {
        String receiptId = receiptId(d);
        Correlation c = correlations.find(carrierId, receiptId);
        if (c == null) {
            return false;
        }
        DeliveryReceipt parsed = DeliveryReceipt.parse(d.message().payload());
        int state = d.messageState() >= 0 ? d.messageState() : SmppStatus.stateOf(parsed == null ? null : parsed.stat());
        int wants = c.registeredDelivery() & SmppStatus.REGISTERED_DELIVERY_MASK;
        boolean failureOnly = wants == 2;
        if (wants != 0 && !(failureOnly && state == SmppStatus.STATE_DELIVERED)) {
            String gw = MessageIds.render(c.gatewayId());
            DeliveryReceipt r = parsed != null ? parsed.withId(gw)
                    : new DeliveryReceipt(gw, "001", "001", null, RECEIPT_DATE.format(Instant.now()),
                    statOf(state), "000", "");
            ShortMessage m = d.message();
            outbox.appendToTenant(c.tenantId(), gw, state, receiptMessage(m.sourceTon(), m.sourceNpi(), m.sourceAddr(),
                    m.destTon(), m.destNpi(), m.destAddr(), r.format()));
        }
        if (SmppStatus.isFinal(state)) {
            correlations.forget(carrierId, receiptId);
            if (state == SmppStatus.STATE_DELIVERED || state == SmppStatus.STATE_UNDELIVERABLE
                    || state == SmppStatus.STATE_REJECTED || state == SmppStatus.STATE_EXPIRED) {
                // a receipt's source is the handset the message went to
                outbox.receipted(carrierId, c.tenantId(), d.message().sourceAddr(), state == SmppStatus.STATE_DELIVERED);
            }
        }
        ack.accepted(seq, null);
        return true;
    }

    private static String receiptId(CarrierDelivery d) {
        if (d.receiptedMessageId() != null && !d.receiptedMessageId().isBlank()) {
            return d.receiptedMessageId();
        }
        DeliveryReceipt r = DeliveryReceipt.parse(d.message().payload());
        return r == null ? null : r.id();
    }

    private static ShortMessage receiptMessage(byte sTon, byte sNpi, String src, byte dTon, byte dNpi, String dst,
                                               String text) {
        return new ShortMessage(sTon, sNpi, src, dTon, dNpi, dst, (byte) SmppStatus.ESM_CLASS_DELIVERY_RECEIPT,
                (byte) 0, (byte) 0, (byte) 0, (byte) 0, text.getBytes(StandardCharsets.ISO_8859_1));
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

    private record Parked(String carrierId, CarrierDelivery delivery, AckSink ack, int seq, long deadline) {
    }
}
