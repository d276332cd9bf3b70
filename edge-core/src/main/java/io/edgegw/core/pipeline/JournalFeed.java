package io.edgegw.core.pipeline;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.TenantDelivery;

/**
 * What the dispatcher thread hands the journal: a carrier's message id to correlate, a failed receipt, a delivery
 * for the dead-letter queue, a tick. Each returns false when there is no room now (the caller keeps it and tries
 * again next round); what was taken comes back through {@link JournalListener} once it is on disk. The
 * {@link Ring} is the one implementation that runs.
 */
public interface JournalFeed {
    boolean carrierResponse(OutboundSubmit submit, long gatewayId, String carrierId, String carrierMessageId);

    /**
     * As above, for a message its bind sent split into parts: {@code partIds} holds the carrier's id of each (null
     * for a message sent whole), each correlated to the message.
     */
    default boolean carrierResponse(OutboundSubmit submit, long gatewayId, String carrierId, String carrierMessageId,
                                    String[] partIds) {
        return carrierResponse(submit, gatewayId, carrierId, carrierMessageId);
    }

    boolean failedReceipt(OutboundSubmit submit, long gatewayId, long acceptedMillis, String stat, int status);

    /** A delivery its tenant refused {@code attempts} times, last with {@code lastStatus} (-1: no answer). */
    boolean deadLetter(TenantDelivery delivery, int attempts, int lastStatus);

    /**
     * A delivery relayed to this instance for a tenant whose receivers are no longer bound here: back to the tenant's
     * outbound queue, which forwards it to the tenant's stream. Reported back as {@link JournalListener#deadLettered}.
     */
    boolean handBack(TenantDelivery delivery);

    /** A scheduled submit to copy (into its inbound queue once due, or to its scheduled queue's tail). */
    boolean copy(ScheduledCopy copy);

    /** The journal's periodic work: parked receipts retried, old ones and old correlations expired. */
    boolean tick();
}
