package io.edgegw.core.spi;

import io.edgegw.core.message.TenantDelivery;

/** What a tenant receiver reports back to the core. Called from I/O threads; never blocks. */
public interface TenantReceiverListener {
    /** deliver_sm_resp arrived; ESME_ROK completes the delivery, anything else means offer it again later. */
    void deliveryResponded(TenantReceiver receiver, TenantDelivery delivery, int commandStatus);

    /** No response in time, or the session went away: the core keeps it and offers it again. */
    void deliveryUnanswered(TenantReceiver receiver, TenantDelivery delivery);
}
