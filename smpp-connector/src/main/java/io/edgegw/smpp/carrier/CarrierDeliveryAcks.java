package io.edgegw.smpp.carrier;

import io.edgegw.core.spi.AckSink;
import io.edgegw.smpp.pdu.Pdus;
import io.netty.channel.Channel;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;

/**
 * Answers a carrier's deliver_sm (or data_sm) once the core has journaled it. One instance per connection and
 * command, so a late acknowledgement never lands on a newer connection with a stale sequence number.
 */
final class CarrierDeliveryAcks implements AckSink {
    private final Channel channel;
    private final boolean dataSm;

    CarrierDeliveryAcks(Channel channel, boolean dataSm) {
        this.channel = channel;
        this.dataSm = dataSm;
    }

    @Override
    public void accepted(int sequenceNumber, String messageId) {
        respond(SMPPConstant.STAT_ESME_ROK, sequenceNumber);
    }

    @Override
    public void rejected(int sequenceNumber, int commandStatus) {
        respond(commandStatus, sequenceNumber);
    }

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

    @Override
    public void flush() {
        channel.flush();
    }
}
