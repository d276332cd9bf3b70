package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.MessageFields;
import io.edgegw.simulator.wire.Pdu;

/**
 * Sees every submit_sm a simulated SMSC accepts (answers ESME_ROK), so a test or scenario can tell which messages
 * reached the carrier and how often. Called on the session's event loop: it must be quick and must not block.
 */
@FunctionalInterface
public interface SubmitObserver {
    SubmitObserver NONE = (shortMessage, messageId) -> { };

    /**
     * @param shortMessage the short_message octets (or the message_payload TLV's when short_message is empty)
     * @param messageId    the carrier message id given in the submit_sm_resp
     */
    void accepted(byte[] shortMessage, String messageId);

    /**
     * Every submit_sm read, before it is answered (or left unanswered: an answer due after the connection closed
     * never goes out, yet a real SMSC would have the message). Counting these tells duplicates a gateway sent.
     */
    default void received(byte[] shortMessage) {
    }

    /** As {@link #received(byte[])}, with the submit_sm's mandatory fields (its validity_period, for one). */
    default void received(byte[] shortMessage, MessageFields fields) {
        received(shortMessage);
    }

    /**
     * Also for every submit_sm read, after {@link #received(byte[], MessageFields)}: the whole submit_sm (esm_class,
     * data_coding, UDH, TLVs), for a test that checks how a message was cut into parts or encoded.
     */
    default void received(Pdu.SubmitSm submit) {
    }
}
