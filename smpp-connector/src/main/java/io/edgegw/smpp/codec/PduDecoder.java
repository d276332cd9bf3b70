package io.edgegw.smpp.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;

import java.util.List;

/**
 * Turns one framed PDU into a jSMPP bean ({@link org.jsmpp.bean.SubmitSm}, {@link org.jsmpp.bean.Bind}, ...).
 * Anything it cannot decode becomes an {@link UndecodablePdu}; no exception escapes to the pipeline.
 */
@ChannelHandler.Sharable
public final class PduDecoder extends MessageToMessageDecoder<ByteBuf> {
    private final PDUDecomposer decomposer = new DefaultDecomposer();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        int commandId = frame.getInt(frame.readerIndex() + 4);
        int sequence = frame.getInt(frame.readerIndex() + 12);
        byte[] pdu = ByteBufUtil.getBytes(frame);
        try {
            Command decoded = decode(commandId, pdu);
            out.add(decoded != null ? decoded
                    : new UndecodablePdu(commandId, sequence, SMPPConstant.STAT_ESME_RINVCMDID, "unknown command_id"));
        } catch (PDUStringException e) {
            out.add(new UndecodablePdu(commandId, sequence, e.getErrorCode(), e.getMessage()));
        } catch (RuntimeException | org.jsmpp.PDUException e) {
            // A body shorter or stranger than its fields claim (jSMPP throws unchecked exceptions for those).
            out.add(new UndecodablePdu(commandId, sequence, SMPPConstant.STAT_ESME_RINVCMDLEN,
                    e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private Command decode(int commandId, byte[] pdu) throws org.jsmpp.PDUException {
        return switch (commandId) {
            case SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER, SMPPConstant.CID_BIND_TRANSCEIVER ->
                    decomposer.bind(pdu);
            case SMPPConstant.CID_BIND_TRANSMITTER_RESP, SMPPConstant.CID_BIND_RECEIVER_RESP,
                    SMPPConstant.CID_BIND_TRANSCEIVER_RESP -> decomposer.bindResp(pdu);
            case SMPPConstant.CID_SUBMIT_SM -> decomposer.submitSm(pdu);
            case SMPPConstant.CID_SUBMIT_SM_RESP -> decomposer.submitSmResp(pdu);
            case SMPPConstant.CID_DELIVER_SM -> decomposer.deliverSm(pdu);
            case SMPPConstant.CID_DELIVER_SM_RESP -> decomposer.deliverSmResp(pdu);
            case SMPPConstant.CID_DATA_SM -> decomposer.dataSm(pdu);
            case SMPPConstant.CID_DATA_SM_RESP -> decomposer.dataSmResp(pdu);
            case SMPPConstant.CID_ENQUIRE_LINK -> decomposer.enquireLink(pdu);
            case SMPPConstant.CID_ENQUIRE_LINK_RESP -> decomposer.enquireLinkResp(pdu);
            case SMPPConstant.CID_UNBIND -> decomposer.unbind(pdu);
            case SMPPConstant.CID_UNBIND_RESP -> decomposer.unbindResp(pdu);
            case SMPPConstant.CID_GENERIC_NACK -> decomposer.genericNack(pdu);
            case SMPPConstant.CID_QUERY_SM -> decomposer.querySm(pdu);
            case SMPPConstant.CID_QUERY_SM_RESP -> decomposer.querySmResp(pdu);
            case SMPPConstant.CID_CANCEL_SM -> decomposer.cancelSm(pdu);
            case SMPPConstant.CID_CANCEL_SM_RESP -> decomposer.cancelSmResp(pdu);
            case SMPPConstant.CID_REPLACE_SM -> decomposer.replaceSm(pdu);
            case SMPPConstant.CID_REPLACE_SM_RESP -> decomposer.replaceSmResp(pdu);
            case SMPPConstant.CID_SUBMIT_MULTI -> decomposer.submitMulti(pdu);
            case SMPPConstant.CID_SUBMIT_MULTI_RESP -> decomposer.submitMultiResp(pdu);
            case SMPPConstant.CID_OUTBIND -> decomposer.outbind(pdu);
            case SMPPConstant.CID_ALERT_NOTIFICATION -> decomposer.alertNotification(pdu);
            default -> null;
        };
    }
}
