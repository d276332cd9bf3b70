package io.edgegw.core.pipeline;

import io.edgegw.core.message.OutboundSubmit;

/** Told by the journal thread when what a submit's completion depended on (correlation, failed receipt) is on disk. */
public interface JournalListener {
    void journaled(OutboundSubmit submit);

    /**
     * A carrier's final receipt for a message it took: delivered or not (undeliverable, rejected, expired);
     * {@code number} is the handset's. For the carrier's live quality.
     */
    default void receipted(String carrierId, String tenantId, String number, boolean delivered) {
    }
}
