package io.edgegw.smpp.tenant;

import io.edgegw.core.spi.AckSink;
import io.edgegw.smpp.pdu.Pdus;
import io.netty.channel.Channel;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Answers a tenant's submit_sm once the core's journal thread says it is on disk (or refused). Writes go through
 * {@link Channel#write}, which hands them to the event loop's lock-free task queue; the socket is flushed once
 * per journal batch. The count of unacknowledged submits drops only once the answer is handed over, so an event
 * loop task that sees it at zero and queues the unbind behind it knows every answer goes out first.
 */
final class SubmitAcks implements AckSink {
    private final Channel channel;
    private final AtomicInteger unacknowledged;

    SubmitAcks(Channel channel, AtomicInteger unacknowledged) {
        this.channel = channel;
        this.unacknowledged = unacknowledged;
    }

    @Override
    public void accepted(int sequenceNumber, String messageId) {
        byte[] pdu;
        try {
            pdu = Pdus.submitSmResp(sequenceNumber, messageId);
        } catch (PDUStringException e) {
            // The core gave an id SMPP cannot carry (over 64 octets): the message is stored, but say so honestly.
            pdu = Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_RSYSERR, sequenceNumber);
        }
        channel.write(pdu, channel.voidPromise());
        unacknowledged.decrementAndGet();
    }

    @Override
    public void rejected(int sequenceNumber, int commandStatus) {
        channel.write(Pdus.errorResponse(SMPPConstant.CID_SUBMIT_SM, commandStatus, sequenceNumber),
                channel.voidPromise());
        unacknowledged.decrementAndGet();
    }

    @Override
    public void flush() {
        channel.flush();
    }
}
