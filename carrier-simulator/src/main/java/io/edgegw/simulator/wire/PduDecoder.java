package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.jsmpp.SMPPConstant;

import java.util.List;

/**
 * Reads one framed PDU (from {@link SmppFraming}) into a {@link Pdu}. Only the commands the simulator and the load
 * generator serve have their bodies read; any other comes out as {@link Pdu.Unsupported}, its body never parsed. A
 * body that breaks the field rules comes out as {@link Pdu.Malformed} with the status to answer; nothing a peer sends
 * makes it throw.
 */
@ChannelHandler.Sharable
public final class PduDecoder extends MessageToMessageDecoder<ByteBuf> {
    public static final PduDecoder INSTANCE = new PduDecoder();

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf frame, List<Object> out) {
        out.add(decode(frame));
    }

    /** The PDU in {@code frame} (one whole PDU, at least its 16-octet header); does not move its indexes. */
    public static Pdu decode(ByteBuf frame) {
        int start = frame.readerIndex();
        int commandId = frame.getInt(start + 4);
        int status = frame.getInt(start + 8);
        int sequence = frame.getInt(start + 12);
        BodyReader body = new BodyReader(frame);
        try {
            return switch (commandId) {
                case SMPPConstant.CID_BIND_TRANSMITTER, SMPPConstant.CID_BIND_RECEIVER,
                        SMPPConstant.CID_BIND_TRANSCEIVER -> bind(commandId, sequence, body);
                case SMPPConstant.CID_BIND_TRANSMITTER_RESP, SMPPConstant.CID_BIND_RECEIVER_RESP,
                        SMPPConstant.CID_BIND_TRANSCEIVER_RESP -> bindResp(commandId, status, sequence, body);
                case SMPPConstant.CID_SUBMIT_SM ->
                        new Pdu.SubmitSm(sequence, fields(body), body.shortMessage(), body.tlvs());
                case SMPPConstant.CID_SUBMIT_SM_RESP -> submitSmResp(status, sequence, body);
                case SMPPConstant.CID_DELIVER_SM ->
                        new Pdu.DeliverSm(sequence, fields(body), body.shortMessage(), body.tlvs());
                case SMPPConstant.CID_DELIVER_SM_RESP -> deliverSmResp(status, sequence, body);
                case SMPPConstant.CID_ENQUIRE_LINK -> headerOnly(new Pdu.EnquireLink(sequence), body);
                case SMPPConstant.CID_ENQUIRE_LINK_RESP -> headerOnly(new Pdu.EnquireLinkResp(status, sequence), body);
                case SMPPConstant.CID_UNBIND -> headerOnly(new Pdu.Unbind(sequence), body);
                case SMPPConstant.CID_UNBIND_RESP -> headerOnly(new Pdu.UnbindResp(status, sequence), body);
                case SMPPConstant.CID_GENERIC_NACK -> headerOnly(new Pdu.GenericNack(status, sequence), body);
                default -> new Pdu.Unsupported(commandId, status, sequence);
            };
        } catch (BodyReader.Refused refused) {
            return new Pdu.Malformed(commandId, sequence, refused.status, refused.getMessage());
        } catch (RuntimeException e) {
            // Not expected (every read is bounded above); still a peer's bytes must never break the pipeline.
            return new Pdu.Malformed(commandId, sequence, SMPPConstant.STAT_ESME_RSYSERR, e.toString());
        }
    }

    private static Pdu bind(int commandId, int sequence, BodyReader body) throws BodyReader.Refused {
        Pdu.Bind bind = new Pdu.Bind(commandId, sequence,
                body.cString("system_id", 16, SMPPConstant.STAT_ESME_RINVSYSID),
                body.cString("password", 9, SMPPConstant.STAT_ESME_RINVPASWD),
                body.cString("system_type", 13, SMPPConstant.STAT_ESME_RINVSYSTYP),
                body.octet("interface_version"), body.octet("addr_ton"), body.octet("addr_npi"),
                body.cString("address_range", 41, SMPPConstant.STAT_ESME_RBINDFAIL));
        body.expectEnd();
        return bind;
    }

    private static Pdu bindResp(int commandId, int status, int sequence, BodyReader body) throws BodyReader.Refused {
        if (body.atEnd()) {
            return new Pdu.BindResp(commandId, status, sequence, "", Tlvs.NONE); // refused: no body (4.1.2)
        }
        return new Pdu.BindResp(commandId, status, sequence,
                body.cString("system_id", 16, SMPPConstant.STAT_ESME_RINVSYSID), body.tlvs());
    }

    private static Pdu submitSmResp(int status, int sequence, BodyReader body) throws BodyReader.Refused {
        if (body.atEnd()) {
            return new Pdu.SubmitSmResp(status, sequence, ""); // an error status leaves the body out (4.4.2)
        }
        Pdu.SubmitSmResp resp = new Pdu.SubmitSmResp(status, sequence,
                body.cString("message_id", 65, SMPPConstant.STAT_ESME_RINVMSGID));
        body.expectEnd();
        return resp;
    }

    private static Pdu deliverSmResp(int status, int sequence, BodyReader body) throws BodyReader.Refused {
        if (!body.atEnd()) {
            body.cString("message_id", 65, SMPPConstant.STAT_ESME_RINVMSGID); // unused, "set to NULL" (4.6.2)
            body.expectEnd();
        }
        return new Pdu.DeliverSmResp(status, sequence);
    }

    private static Pdu headerOnly(Pdu pdu, BodyReader body) throws BodyReader.Refused {
        body.expectEnd();
        return pdu;
    }

    private static MessageFields fields(BodyReader body) throws BodyReader.Refused {
        return new MessageFields(
                body.cString("service_type", 6, SMPPConstant.STAT_ESME_RINVSERTYP),
                body.octet("source_addr_ton"), body.octet("source_addr_npi"),
                body.cString("source_addr", 21, SMPPConstant.STAT_ESME_RINVSRCADR),
                body.octet("dest_addr_ton"), body.octet("dest_addr_npi"),
                body.cString("destination_addr", 21, SMPPConstant.STAT_ESME_RINVDSTADR),
                body.octet("esm_class"), body.octet("protocol_id"), body.octet("priority_flag"),
                body.time("schedule_delivery_time", SMPPConstant.STAT_ESME_RINVSCHED),
                body.time("validity_period", SMPPConstant.STAT_ESME_RINVEXPIRY),
                body.octet("registered_delivery"), body.octet("replace_if_present_flag"),
                body.octet("data_coding"), body.octet("sm_default_msg_id"));
    }
}
