package io.edgegw.core.pipeline;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.spi.AckSink;

/** One slot of the ring, reused forever; which fields mean something depends on {@link #kind}. */
public final class JournalEvent {
    public enum Kind {
        /** tenantId, message, ack, seq: append to the tenant's inbound queue, then ack with the gateway id. */
        TENANT_SUBMIT,
        /** submit, gatewayId, carrierId, carrierMessageId: journal the correlation, then complete the submit. */
        CARRIER_RESPONSE,
        /** carrierId, delivery, ack, seq: a receipt to correlate (or an MO to answer). */
        CARRIER_DELIVERY,
        /** submit, gatewayId, status, stat, acceptedMillis: write a failed receipt for the tenant, then complete. */
        FAILED_RECEIPT,
        /** Periodic: retry parked receipts, expire old ones. */
        TICK
    }

    Kind kind;
    String tenantId;
    ShortMessage message;
    AckSink ack;
    int seq;
    OutboundSubmit submit;
    long gatewayId;
    long acceptedMillis;
    int status;
    String stat;
    String carrierId;
    String carrierMessageId;
    CarrierDelivery delivery;

    /** Drops references so the ring does not keep messages alive after they are handled. */
    void clear() {
        tenantId = null;
        message = null;
        ack = null;
        submit = null;
        stat = null;
        carrierId = null;
        carrierMessageId = null;
        delivery = null;
    }
}
