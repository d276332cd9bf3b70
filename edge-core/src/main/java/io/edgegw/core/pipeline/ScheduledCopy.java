package io.edgegw.core.pipeline;

import io.edgegw.core.message.ShortMessage;

/**
 * A scheduled submit the dispatcher hands the journal to copy as it was accepted: into its tenant's inbound queue
 * once due ({@link #toInbound()}), or to the tail of its scheduled queue (so the committed position can pass the
 * original). The journal reports it back through {@link JournalListener#copied} once the copy is on disk.
 */
public interface ScheduledCopy {
    String tenantId();

    long gatewayId();

    long acceptedMillis();

    long validUntilMillis();

    long dueMillis();

    ShortMessage message();

    boolean toInbound();
}
