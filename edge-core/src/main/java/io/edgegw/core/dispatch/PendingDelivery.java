package io.edgegw.core.dispatch;

import io.edgegw.core.message.ShortMessage;
import io.edgegw.core.message.TenantDelivery;

/** A receipt (or MO) read from a tenant's outbound queue and not yet answered ESME_ROK by the tenant. */
final class PendingDelivery implements TenantDelivery {
    final TenantLane lane;
    final long ticket;
    final String receiptedMessageId;
    final int messageState;
    final ShortMessage message;
    long notBefore;
    /** Offers refused or unanswered so far; bounded by the tenant's maxDeliveryAttempts ({@link DeliveryRetries}). */
    int attempts;
    /** The tenant's last answer, {@link Inbox#UNANSWERED} for none, and the bind it was offered on. */
    int lastStatus;
    String lastReceiver;
    /** Handed back to the tenant's stream ({@link DeliveryPump}): its journal report completes it, not a dead letter. */
    boolean handingBack;

    PendingDelivery(TenantLane lane, long ticket, String receiptedMessageId, int messageState, ShortMessage message) {
        this.lane = lane;
        this.ticket = ticket;
        this.receiptedMessageId = receiptedMessageId;
        this.messageState = messageState;
        this.message = message;
    }

    @Override
    public String tenantId() {
        return lane.tenantId();
    }

    @Override
    public ShortMessage message() {
        return message;
    }

    @Override
    public String receiptedMessageId() {
        return receiptedMessageId;
    }

    @Override
    public int messageState() {
        return messageState;
    }
}
