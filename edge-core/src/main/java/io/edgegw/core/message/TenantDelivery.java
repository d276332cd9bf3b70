package io.edgegw.core.message;

/**
 * A deliver_sm on its way to a tenant: a delivery receipt (message id rewritten to the gateway's) or an MO SMS.
 * Handed by the core to a {@link io.edgegw.core.spi.TenantReceiver} and handed back through
 * {@link io.edgegw.core.spi.TenantReceiverListener}.
 */
public interface TenantDelivery {
    String tenantId();

    /** esm_class, data_coding and payload ready for the deliver_sm (receipt text already carries the gateway id). */
    ShortMessage message();

    /** The gateway message id this receipt is for (receipted_message_id TLV), or null for MO. */
    String receiptedMessageId();

    /** message_state TLV value (SMPP 3.4 5.2.28), or -1 for MO. */
    int messageState();
}
