package io.edgegw.core.dispatch;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.text.Alphabet;

/**
 * A tenant message read from its inbound queue and not yet completed; the handle the binds see. It is also the
 * {@link DispatcherEvent} the journal sends back once its correlation or failed receipt is on disk.
 */
final class InFlightSubmit implements OutboundSubmit, DispatcherEvent {
    final TenantLane lane;
    final long ticket;
    final long gatewayId;
    final String gatewayIdText;
    final long acceptedMillis;
    /** The end of its own validity (epoch ms), 0 when it has none. */
    final long validUntilMillis;
    final ShortMessage message;
    /** What its age counts from: its due time when it was scheduled later than accepted, else its accepted time. */
    long ageFromMillis;
    /** Offers answered with an error (not throttling) or not at all, so far; bounded by {@link SubmitLimits}. */
    int attempts;
    /** The last carrier error's command_status (0 when none, or the last got no answer), for a receipt's err. */
    int lastStatus;
    /** The dispatcher clock's time (ns) before which a retry waits. */
    long notBefore;
    /** When it was last offered to a carrier bind, for the carrier's answer latency. */
    long sentNanos;
    /** Waiting for the ring to take its journal event (correlation or failed receipt). */
    boolean awaitingJournal;
    /** The bind that last had it, so a retry prefers another. */
    io.edgegw.core.spi.CarrierBind lastBind;
    /** The quality of its carrier on its route's prefix, fed by the answer. */
    CarrierQuality routeQuality;
    String carrierId;
    String carrierMessageId;
    /** The carrier's id of each part when the bind sent it split (carriers[].longMessages), else null. */
    String[] carrierPartIds;
    String failStat;
    int failStatus;

    InFlightSubmit(TenantLane lane, long ticket, long gatewayId, String gatewayIdText, long acceptedMillis,
                   long validUntilMillis, ShortMessage message) {
        this.lane = lane;
        this.ticket = ticket;
        this.gatewayId = gatewayId;
        this.gatewayIdText = gatewayIdText;
        this.acceptedMillis = acceptedMillis;
        this.validUntilMillis = validUntilMillis;
        this.message = message;
        this.ageFromMillis = acceptedMillis;
    }

    @Override
    public void applyTo(Handler h, long now) {
        h.journaled(this, now);
    }

    boolean wantsReceipt() {
        return (message.registeredDelivery() & SmppStatus.REGISTERED_DELIVERY_MASK) != 0;
    }

    @Override
    public String tenantId() {
        return lane.tenantId();
    }

    @Override
    public String gatewayMessageId() {
        return gatewayIdText;
    }

    @Override
    public ShortMessage message() {
        return message;
    }

    @Override
    public long validUntilMillis() {
        return validUntilMillis;
    }

    @Override
    public Alphabet smscDefault() {
        return lane.smscDefault;
    }

    @Override
    public String toString() {
        return tenantId() + "/" + gatewayIdText;
    }
}
