package io.edgegw.core.pipeline;

import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.TenantDelivery;

/** Told by the journal thread when what a submit's completion depended on (correlation, failed receipt) is on disk. */
public interface JournalListener {
    void journaled(OutboundSubmit submit);

    /**
     * A carrier's final receipt for a message it took: delivered or not (undeliverable, rejected, expired);
     * {@code number} is the handset's. For the carrier's live quality.
     */
    default void receipted(String carrierId, String tenantId, String number, boolean delivered) {
    }

    /**
     * A delivery the dispatcher gave up on is in its tenant's dead-letter queue ({@code onDisk}), or could not be
     * written there (a journal error): then it must stay in the outbound queue.
     */
    default void deadLettered(TenantDelivery delivery, boolean onDisk) {
    }

    /** A scheduled submit's copy is on disk ({@code onDisk}), or could not be written (a journal error). */
    default void copied(ScheduledCopy copy, boolean onDisk) {
    }
}
