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
 * Anything it cannot decode becomes an {@link UndecodablePdu}; no exception escapes to the pipeline. Only the PDUs
 * a session reads have their bodies decoded; the rest of SMPP 3.4 (submit_multi, query_sm, replace_sm, ...) comes
 * out as a bare {@link Command} header, enough to answer it: parsing a body nobody reads is work a peer could make us
 * do for nothing, and jSMPP logs a warning for some malformed ones (a submit_multi's unknown dest_flag), per PDU.
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
            out.add(decoded != null ? decoded : headerOnly(commandId, frame));
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
            case SMPPConstant.CID_ENQUIRE_LINK -> decomposer.enquireLink(pdu);
            case SMPPConstant.CID_ENQUIRE_LINK_RESP -> decomposer.enquireLinkResp(pdu);
            case SMPPConstant.CID_UNBIND -> decomposer.unbind(pdu);
            case SMPPConstant.CID_UNBIND_RESP -> decomposer.unbindResp(pdu);
            case SMPPConstant.CID_GENERIC_NACK -> decomposer.genericNack(pdu);
            default -> null;
        };
    }

    /** A PDU no session reads the body of: its header, for the answer (generic_nack ESME_RINVCMDID, or none). */
    private static Command headerOnly(int commandId, ByteBuf frame) {
        Command header = new Command();
        header.setCommandLength(frame.readableBytes());
        header.setCommandId(commandId);
        header.setCommandStatus(frame.getInt(frame.readerIndex() + 8));
        header.setSequenceNumber(frame.getInt(frame.readerIndex() + 12));
        return header;
    }
}
