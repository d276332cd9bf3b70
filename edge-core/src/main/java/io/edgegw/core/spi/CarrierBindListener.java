package io.edgegw.core.spi;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.OutboundSubmit;

/** What a carrier bind reports back to the core. Called from I/O threads; never blocks. */
public interface CarrierBindListener {
    /** submit_sm_resp arrived. {@code carrierMessageId} is null unless the status is ESME_ROK. */
    void submitResponded(CarrierBind bind, OutboundSubmit submit, int commandStatus, String carrierMessageId);

    /**
     * Every part of a message the bind sent split ({@code carriers[].longMessages}) was answered ESME_ROK:
     * {@code carrierMessageIds} holds the carrier's id for each part, in part order (null where it gave none).
     */
    default void partsResponded(CarrierBind bind, OutboundSubmit submit, String[] carrierMessageIds) {
        submitResponded(bind, submit, 0, carrierMessageIds[0]);
    }

    /** No response before the timeout, or the bind was lost: the core will send it again. */
    void submitUnanswered(CarrierBind bind, OutboundSubmit submit);

    /**
     * A deliver_sm from the carrier (receipt or MO). The core journals it, then calls {@code ack.accepted}
     * (answer deliver_sm_resp ESME_ROK) or {@code ack.rejected}.
     *
     * @return false if the core cannot take it now (answer ESME_RX_T_APPN so the carrier retries)
     */
    boolean deliverReceived(CarrierBind bind, CarrierDelivery delivery, AckSink ack, int sequenceNumber);

    /** Every state change, with the reason, for logs, metrics and operators. */
    void bindStateChanged(CarrierBind bind, BindState from, BindState to, String reason);
}
