package io.edgegw.smpp.carrier;

import io.edgegw.core.spi.AckSink;
import io.edgegw.smpp.codec.OutboundBatch;
import io.edgegw.smpp.pdu.PduWriter;
import io.edgegw.smpp.pdu.Pdus;
import io.netty.channel.Channel;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;

/**
 * Answers a carrier's deliver_sm (or data_sm) once the core has journaled it. One instance per connection and
 * command, so a late acknowledgement never lands on a newer connection with a stale sequence number. The journal
 * thread's answers ({@link AckSink}) are gathered per batch in an {@link OutboundBatch}; the event loop's own
 * ({@link #respond}: refusals before the core) are written directly.
 */
final class CarrierDeliveryAcks implements AckSink {
    private final Channel channel;
    private final boolean dataSm;
    private final OutboundBatch batch;

    CarrierDeliveryAcks(Channel channel, boolean dataSm) {
        this.channel = channel;
        this.dataSm = dataSm;
        this.batch = new OutboundBatch(channel);
    }

    /** Journal thread. */
    @Override
    public void accepted(int sequenceNumber, String messageId) {
        answer(SMPPConstant.STAT_ESME_ROK, sequenceNumber);
    }

    /** Journal thread. */
    @Override
    public void rejected(int sequenceNumber, int commandStatus) {
        answer(commandStatus, sequenceNumber);
    }

    private void answer(int status, int sequenceNumber) {
        if (dataSm) {
            batch.add(response(status, sequenceNumber)); // rare: data_sm carries few receipts
        } else {
            PduWriter.deliverSmResp(batch.buffer(), status, sequenceNumber);
            batch.written();
        }
    }

    /** Event loop: an answer given before the core saw the request; flushed at the end of the read. */
    void respond(int status, int sequenceNumber) {
        channel.write(response(status, sequenceNumber), channel.voidPromise());
    }

    private byte[] response(int status, int sequenceNumber) {
        if (!dataSm) {
            return Pdus.deliverSmResp(status, sequenceNumber);
        }
        try {
            return Pdus.dataSmResp(status, sequenceNumber);
        } catch (PDUStringException e) {
            return Pdus.errorResponse(SMPPConstant.CID_DATA_SM, status, sequenceNumber); // null id: cannot happen
        }
    }

    /** Journal thread, at the end of a batch that answered here. */
    @Override
    public void flush() {
        batch.flush();
    }
}
