package io.edgegw.core.pipeline;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.TenantDelivery;
import io.edgegw.core.queue.DeadLetterQueue;
import io.edgegw.core.receipt.Correlation;
import io.edgegw.core.receipt.ReceiptLookup;
import io.edgegw.core.spi.AckSink;

import java.util.concurrent.CompletableFuture;

/** One slot of the ring, reused forever; which fields mean something depends on {@link #kind}. */
public final class JournalEvent {
    public enum Kind {
        /**
         * tenantId, message, validUntilMillis, dueMillis, ack, seq: append to the tenant's inbound queue, then ack with the
         * gateway id.
         */
        TENANT_SUBMIT,
        /** submit, gatewayId, carrierId, carrierMessageId: journal the correlation, then complete the submit. */
        CARRIER_RESPONSE,
        /** carrierId, delivery, ack, seq: a receipt to correlate (or an MO to answer). */
        CARRIER_DELIVERY,
        /** submit, gatewayId, status, stat, acceptedMillis: write a failed receipt for the tenant, then complete. */
        FAILED_RECEIPT,
        /** Periodic: retry parked receipts, expire old ones. */
        TICK,
        /**
         * tenantId, tenantDelivery, attempts, status: keep a delivery the tenant refused too often in its dead-letter
         * queue, then tell the dispatcher, which completes it in the outbound queue.
         */
        DEAD_LETTER,
        /**
         * tenantId, tenantDelivery: a delivery relayed here for a tenant with no receiver bound here any more, appended
         * to its outbound queue (so forwarded to its stream again, for an instance holding a receiver); then the
         * dispatcher is told as for a dead letter, and completes it in the relayed queue.
         */
        HAND_BACK,
        /** tenantId, upTo, settled: append the tenant's dead letters up to upTo to its outbound queue, settle them. */
        DEAD_LETTERS_REPLAY,
        /** tenantId, upTo, settled: drop the tenant's dead letters up to upTo. */
        DEAD_LETTERS_PURGE,
        /** lookup, correlation, correlationIndex, ack, seq: the on-disk index's answer for a receipt. */
        RECEIPT_LOOKED_UP,
        /** copy: append a scheduled submit to its tenant's inbound queue (due) or scheduled queue's tail, report it. */
        SCHEDULED_COPY
    }

    Kind kind;
    String tenantId;
    ShortMessage message;
    AckSink ack;
    int seq;
    OutboundSubmit submit;
    long gatewayId;
    long acceptedMillis;
    long validUntilMillis;
    long dueMillis;
    int status;
    String stat;
    String carrierId;
    String carrierMessageId;
    /** The carrier's id of each part of a message sent split, else null. */
    String[] carrierPartIds;
    CarrierDelivery delivery;
    TenantDelivery tenantDelivery;
    int attempts;
    long upTo;
    CompletableFuture<DeadLetterQueue.Settled> settled;
    ReceiptLookup lookup;
    Correlation correlation;
    long correlationIndex;
    ScheduledCopy copy;

    /** Drops references so the ring does not keep messages alive after they are handled. */
    void clear() {
        tenantId = null;
        message = null;
        ack = null;
        submit = null;
        stat = null;
        carrierId = null;
        carrierMessageId = null;
        carrierPartIds = null;
        delivery = null;
        tenantDelivery = null;
        settled = null;
        lookup = null;
        correlation = null;
        copy = null;
    }
}
