package io.edgegw.core.spi;

/**
 * Where the journal thread reports that requests have become durable. Implemented by a session:
 * {@code accepted}/{@code rejected} write the response PDU (without flushing), {@code flush} flushes once per batch.
 * Called only from the journal thread; must not block.
 */
public interface AckSink {
    /** @param messageId the gateway message id (submit_sm) or null (deliver_sm) */
    void accepted(int sequenceNumber, String messageId);

    /** @param commandStatus an SMPP command_status for the response */
    void rejected(int sequenceNumber, int commandStatus);

    /** End of a journal batch that touched this sink. */
    void flush();
}
