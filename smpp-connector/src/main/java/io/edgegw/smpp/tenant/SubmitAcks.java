package io.edgegw.smpp.tenant;

import io.edgegw.core.spi.AckSink;
import io.edgegw.smpp.codec.OutboundBatch;
import io.edgegw.smpp.pdu.PduWriter;
import io.netty.channel.Channel;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers a tenant's submit_sm once the core's journal thread says it is on disk (or refused). A journal batch's
 * answers are gathered in an {@link OutboundBatch} and handed to the event loop (its lock-free task queue) together,
 * flushed once. The count of unacknowledged submits drops only once the answers are handed over, so an event
 * loop task that sees it at zero and queues the unbind behind it knows every answer goes out first.
 */
final class SubmitAcks implements AckSink {
    private final OutboundBatch batch;
    private final AtomicInteger unacknowledged;
    /** Answers gathered and not handed over yet; journal thread only. */
    private int gathered;

    SubmitAcks(Channel channel, AtomicInteger unacknowledged) {
        this.batch = new OutboundBatch(channel);
        this.unacknowledged = unacknowledged;
    }

    @Override
    public void accepted(int sequenceNumber, String messageId) {
        try {
            PduWriter.submitSmResp(batch.buffer(), sequenceNumber, messageId);
        } catch (PDUStringException e) {
            // The core gave an id SMPP cannot carry (over 64 octets): the message is stored, but say so honestly.
            PduWriter.errorResponse(batch.buffer(), SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RSYSERR,
                    sequenceNumber);
        }
        gathered(batch.written());
    }

    @Override
    public void rejected(int sequenceNumber, int commandStatus) {
        PduWriter.errorResponse(batch.buffer(), SMPPConstant.CID_SUBMIT_SM, commandStatus, sequenceNumber);
        gathered(batch.written());
    }

    private void gathered(boolean handedOver) {
        gathered++;
        if (handedOver) {
            handedOver();
        }
    }

    private void handedOver() {
        unacknowledged.addAndGet(-gathered);
        gathered = 0;
    }

    @Override
    public void flush() {
        batch.flush();
        handedOver();
    }
}
