package io.edgegw.smpp.pdu;

import io.netty.buffer.ByteBuf;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.DeliverSm;
import org.jsmpp.bean.DeliverSmResp;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.bean.OptionalParameters;
import org.jsmpp.bean.SubmitSm;
import org.jsmpp.bean.SubmitSmResp;
import org.jsmpp.util.StringParameter;
import org.jsmpp.util.StringValidator;

import java.nio.charset.Charset;
import java.util.Arrays;

/**
 * The PDUs of the message path (submit_sm, deliver_sm and the answers to them) read straight from one frame into
 * jSMPP's beans, field for field what jSMPP's {@code DefaultDecomposer} makes of the same octets and failing where it
 * fails: a field breaking SMPP's rules throws jSMPP's {@link PDUStringException} (its command_status) from the same
 * {@link StringValidator}, a field running past the frame throws {@link TruncatedPdu} (jSMPP throws an
 * {@code ArrayIndexOutOfBoundsException} there). jSMPP needs the frame copied to a byte array first and clones its TLV
 * tag table for every TLV; this reads the frame once. Reads advance the frame's reader index and never pass its end;
 * nothing is allocated for a length the frame cannot hold.
 */
public final class PduReader {
    /** jSMPP decodes C-octet strings with {@code new String(bytes, offset, length)}: the platform charset. */
    private static final Charset CHARSET = Charset.defaultCharset();
    /**
     * A C-octet string of this many octets per character of a field's limit cannot decode to few enough characters
     * (no charset makes one character of more than four octets), so it is refused before it is decoded.
     */
    private static final int MAX_OCTETS_PER_CHAR = 4;

    private PduReader() {
    }

    public static SubmitSm submitSm(ByteBuf frame) throws PDUStringException {
        return message(frame, new SubmitSm());
    }

    public static DeliverSm deliverSm(ByteBuf frame) throws PDUStringException {
        return message(frame, new DeliverSm());
    }

    public static SubmitSmResp submitSmResp(ByteBuf frame) throws PDUStringException {
        SubmitSmResp resp = header(frame, new SubmitSmResp());
        if (resp.getCommandLength() > SMPPConstant.PDU_HEADER_LENGTH) { // as jSMPP: a header alone is an answer
            resp.setMessageId(cString(frame, StringParameter.MESSAGE_ID));
            resp.setOptionalParameters(optionalParameters(frame));
        }
        return resp;
    }

    /**
     * The (unused) message_id is read unchecked. Unlike jSMPP, a header alone is an answer, as for submit_sm_resp: SMPP
     * 3.4 lets a response with an error status omit its body, and ESMEs do that; refusing it as ESME_RINVCMDLEN lost
     * the tenant's refusal, and its delivery waited out the window timeout instead.
     */
    public static DeliverSmResp deliverSmResp(ByteBuf frame) throws PDUStringException {
        DeliverSmResp resp = header(frame, new DeliverSmResp());
        if (resp.getCommandLength() > SMPPConstant.PDU_HEADER_LENGTH) {
            resp.setMessageId(cString(frame, null));
            resp.setOptionalParameters(optionalParameters(frame));
        }
        return resp;
    }

    /** The 16-octet header into {@code pdu}; the rest of the frame is left unread. */
    public static <T extends Command> T header(ByteBuf frame, T pdu) {
        need(frame, SMPPConstant.PDU_HEADER_LENGTH, "header");
        pdu.setCommandLength(frame.readInt());
        pdu.setCommandId(frame.readInt());
        pdu.setCommandStatus(frame.readInt());
        pdu.setSequenceNumber(frame.readInt());
        return pdu;
    }

    /** submit_sm and deliver_sm share their body, field for field. */
    private static <T extends MessageRequest> T message(ByteBuf frame, T pdu) throws PDUStringException {
        header(frame, pdu);
        pdu.setServiceType(cString(frame, StringParameter.SERVICE_TYPE));
        pdu.setSourceAddrTon(octet(frame, "source_addr_ton"));
        pdu.setSourceAddrNpi(octet(frame, "source_addr_npi"));
        pdu.setSourceAddr(cString(frame, StringParameter.SOURCE_ADDR));
        pdu.setDestAddrTon(octet(frame, "dest_addr_ton"));
        pdu.setDestAddrNpi(octet(frame, "dest_addr_npi"));
        pdu.setDestAddress(cString(frame, StringParameter.DESTINATION_ADDR));
        pdu.setEsmClass(octet(frame, "esm_class"));
        pdu.setProtocolId(octet(frame, "protocol_id"));
        pdu.setPriorityFlag(octet(frame, "priority_flag"));
        pdu.setScheduleDeliveryTime(cString(frame, StringParameter.SCHEDULE_DELIVERY_TIME));
        pdu.setValidityPeriod(cString(frame, StringParameter.VALIDITY_PERIOD));
        pdu.setRegisteredDelivery(octet(frame, "registered_delivery"));
        pdu.setReplaceIfPresent(octet(frame, "replace_if_present_flag"));
        pdu.setDataCoding(octet(frame, "data_coding"));
        pdu.setSmDefaultMsgId(octet(frame, "sm_default_msg_id"));
        int smLength = octet(frame, "sm_length") & 0xFF;
        need(frame, smLength, "short_message");
        byte[] shortMessage = new byte[smLength];
        frame.readBytes(shortMessage);
        pdu.setShortMessage(shortMessage);
        StringValidator.validateString(shortMessage, StringParameter.SHORT_MESSAGE);
        pdu.setOptionalParameters(optionalParameters(frame));
        return pdu;
    }

    private static byte octet(ByteBuf frame, String field) {
        need(frame, 1, field);
        return frame.readByte();
    }

    /**
     * A C-octet string up to its NUL, null when empty, checked against {@code rule} (none when null) as jSMPP checks
     * it: by its length in characters once decoded.
     */
    private static String cString(ByteBuf frame, StringParameter rule) throws PDUStringException {
        int from = frame.readerIndex();
        int nul = frame.indexOf(from, frame.writerIndex(), (byte) 0);
        if (nul < 0) {
            throw new TruncatedPdu((rule != null ? rule.name() : "message_id") + " has no NUL before the end");
        }
        int octets = nul - from;
        if (rule != null && octets >= MAX_OCTETS_PER_CHAR * rule.getMax()) {
            throw new PDUStringException(rule.name() + " of " + octets + " octets, the limit is " + rule.getMax(),
                    rule);
        }
        String value = octets == 0 ? null : frame.toString(from, octets, CHARSET);
        frame.readerIndex(nul + 1);
        if (rule != null) {
            StringValidator.validateString(value, rule);
        }
        return value;
    }

    /** TLVs to the end of the frame; jSMPP leaves a last single octet unread, and so does this. */
    private static OptionalParameter[] optionalParameters(ByteBuf frame) {
        if (frame.readableBytes() < 2) {
            return OptionalParameters.EMPTY_OPTIONAL_PARAMETERS;
        }
        OptionalParameter[] params = new OptionalParameter[2];
        int count = 0;
        while (frame.readableBytes() >= 2) {
            short tag = frame.readShort();
            need(frame, 2, "TLV length");
            int length = frame.readShort(); // signed, as jSMPP reads it: above 0x7FFF it is refused
            if (length < 0) {
                throw new TruncatedPdu("TLV 0x" + Integer.toHexString(tag & 0xFFFF) + " of length "
                        + (length & 0xFFFF));
            }
            need(frame, length, "TLV value");
            byte[] value = new byte[length];
            frame.readBytes(value);
            if (count == params.length) {
                params = Arrays.copyOf(params, count * 2);
            }
            params[count++] = Tlvs.deserialize(tag, value);
        }
        return count == params.length ? params : Arrays.copyOf(params, count);
    }

    private static void need(ByteBuf frame, int octets, String field) {
        if (frame.readableBytes() < octets) {
            throw new TruncatedPdu(field + " needs " + octets + " octets, " + frame.readableBytes() + " left");
        }
    }

    /** A field running past the end of its frame: answered ESME_RINVCMDLEN. No stack trace: a peer can send many. */
    public static final class TruncatedPdu extends RuntimeException {
        TruncatedPdu(String message) {
            super(message, null, false, false);
        }
    }
}
