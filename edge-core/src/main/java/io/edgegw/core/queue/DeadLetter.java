package io.edgegw.core.queue;

import io.edgegw.core.message.ShortMessage;

/**
 * One delivery a tenant refused (or never answered) as often as its {@code maxDeliveryAttempts} allowed, as kept in
 * its dead-letter queue.
 *
 * @param index              its Chronicle index in the dead-letter queue: what the operator API pages and settles by
 * @param deadMillis         when it was moved there (epoch ms)
 * @param attempts           how often it was offered to the tenant
 * @param lastStatus         the tenant's last deliver_sm_resp command_status, or -1 when the last offer got no answer
 * @param receiptedMessageId the gateway message id a receipt is for; null for an MO
 * @param messageState       the receipt's message_state (-1 for an MO)
 */
public record DeadLetter(long index, long deadMillis, int attempts, int lastStatus, String receiptedMessageId,
                         int messageState, ShortMessage message) {
    /** Not a deliver_sm_resp status: the last offer timed out or its bind went away. */
    public static final int UNANSWERED = -1;

    public boolean isReceipt() {
        return receiptedMessageId != null;
    }
}
