package io.edgegw.core.message;

/**
 * A deliver_sm (or data_sm) received from a carrier: a delivery receipt when
 * {@code message.esmClass()} has the SMSC-delivery-receipt bit, otherwise a mobile-originated SMS.
 *
 * @param receiptedMessageId the receipted_message_id TLV, or null if absent
 * @param messageState       the message_state TLV, or -1 if absent
 * @param networkErrorCode   the network_error_code TLV (3 octets), or null if absent
 */
public record CarrierDelivery(ShortMessage message, String receiptedMessageId, int messageState, byte[] networkErrorCode) {
}
