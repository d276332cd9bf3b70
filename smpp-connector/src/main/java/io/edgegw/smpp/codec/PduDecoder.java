package io.edgegw.smpp.codec;

import io.edgegw.smpp.pdu.PduReader;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.EnquireLinkResp;
import org.jsmpp.util.DefaultDecomposer;
import org.jsmpp.util.PDUDecomposer;

import java.util.List;

/**
 * Turns one framed PDU into a jSMPP bean ({@link org.jsmpp.bean.SubmitSm}, {@link org.jsmpp.bean.Bind}, ...). The PDUs
 * of the message path (submit_sm, deliver_sm, their answers, enquire_link and its answer) are read straight from the
 * frame by {@link PduReader}, into the beans jSMPP's decoder would make of them; the others are copied out and decoded
 * by jSMPP.
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
        try {
            Command decoded = switch (commandId) {
                case SMPPConstant.CID_SUBMIT_SM -> PduReader.submitSm(frame);
                case SMPPConstant.CID_SUBMIT_SM_RESP -> PduReader.submitSmResp(frame);
                case SMPPConstant.CID_DELIVER_SM -> PduReader.deliverSm(frame);
                case SMPPConstant.CID_DELIVER_SM_RESP -> PduReader.deliverSmResp(frame);
                case SMPPConstant.CID_ENQUIRE_LINK -> PduReader.header(frame, new EnquireLink());
                case SMPPConstant.CID_ENQUIRE_LINK_RESP -> PduReader.header(frame, new EnquireLinkResp());
                default -> decode(commandId, ByteBufUtil.getBytes(frame));
            };
            out.add(decoded != null ? decoded : headerOnly(commandId, frame));
        } catch (PDUStringException e) {
            out.add(new UndecodablePdu(commandId, sequence, e.getErrorCode(), e.getMessage()));
        } catch (RuntimeException | org.jsmpp.PDUException e) {
            // A body shorter or stranger than its fields claim (jSMPP throws unchecked exceptions for those,
            // PduReader a TruncatedPdu).
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
            case SMPPConstant.CID_DATA_SM -> decomposer.dataSm(pdu);
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
