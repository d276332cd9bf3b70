package io.edgegw.core.spi;

import io.edgegw.core.message.ShortMessage;

/** Entry of tenant traffic into the core's ring. Non-blocking; called on a connector's I/O thread. */
public interface SubmitIngress {
    /**
     * Publishes a submit to be journaled into the tenant's queue. {@code ack} is told, on the journal thread,
     * {@link AckSink#accepted} once the message is on disk (with the gateway message id), or
     * {@link AckSink#rejected} with an SMPP status.
     *
     * @return false when the ring is full right now: answer the tenant ESME_RMSGQFUL; nothing was taken
     */
    boolean submit(String tenantId, ShortMessage message, AckSink ack, int sequenceNumber);
}
