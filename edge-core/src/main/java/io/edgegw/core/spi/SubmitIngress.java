package io.edgegw.core.spi;

import io.edgegw.core.message.ShortMessage;

/** Entry of tenant traffic into the core. Non-blocking; called on a connector's I/O thread. */
public interface SubmitIngress {
    /** {@link #submit} took the message; its acknowledgement follows through the {@link AckSink}. */
    int TAKEN = 0;

    /**
     * Offers a submit to be journaled into the tenant's queue. When taken, {@code ack} is told on the journal
     * thread {@link AckSink#accepted} once the message is on disk (with the gateway message id), or
     * {@link AckSink#rejected} with an SMPP status.
     *
     * @return {@link #TAKEN}, or the SMPP status to answer the tenant at once when nothing was taken:
     *         ESME_RTHROTTLED (over its submit rate, or the gateway is stopping), ESME_RMSGQFUL (its queue quota is reached, the storage
     *         volume is nearly full, or the ring is full right now)
     */
    int submit(String tenantId, ShortMessage message, AckSink ack, int sequenceNumber);

    /**
     * As {@link #submit(String, ShortMessage, AckSink, int)}, for a message that must not be sent after
     * {@code validUntilMillis} (epoch ms; 0 = no bound of its own, the tenant's maximum age applies). A message past
     * it ends with an EXPIRED receipt instead of reaching a carrier. An ingress that keeps no such bound ignores it.
     */
    default int submit(String tenantId, ShortMessage message, long validUntilMillis, AckSink ack, int sequenceNumber) {
        return submit(tenantId, message, ack, sequenceNumber);
    }

    /**
     * As {@link #submit(String, ShortMessage, long, AckSink, int)}, for a message not to be sent before
     * {@code dueMillis} (epoch ms; 0 = at once). Also refused with ESME_RINVSCHED when that is at or past the
     * message's validity, or further ahead than its tenant allows. An ingress that keeps no schedule ignores it.
     */
    default int submit(String tenantId, ShortMessage message, long validUntilMillis, long dueMillis, AckSink ack,
                       int sequenceNumber) {
        return submit(tenantId, message, validUntilMillis, ack, sequenceNumber);
    }
}
