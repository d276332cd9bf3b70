package io.edgegw.smpp.pdu;

import io.edgegw.core.message.ShortMessage;
import io.netty.buffer.ByteBuf;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.StringParameter;
import org.jsmpp.util.StringValidator;

/**
 * The PDUs of the message path (submit_sm, deliver_sm and the answers to them) written straight into a
 * {@link ByteBuf}, octet for octet what {@link Pdus} (jSMPP's {@code DefaultComposer}) composes, checked by the same
 * jSMPP field rules ({@link StringValidator}), so a field SMPP cannot carry fails the same way. jSMPP's composer
 * builds each PDU in a byte array that it copies whole for every field it appends; the profile of the message path
 * showed those arrays as a third of everything the gateway allocated. On a failed check nothing is written.
 */
public final class PduWriter {
    private static final int HEADER = 16;

    private PduWriter() {
    }

    /** A response carrying only a header (an error answer, a generic_nack). */
    public static void header(ByteBuf out, int commandId, int commandStatus, int sequence) {
        out.writeInt(HEADER).writeInt(commandId).writeInt(commandStatus).writeInt(sequence);
    }

    /** The response to {@code requestCommandId} carrying only a header: the body is omitted on error. */
    public static void errorResponse(ByteBuf out, int requestCommandId, int commandStatus, int sequence) {
        header(out, requestCommandId | SMPPConstant.CID_GENERIC_NACK, commandStatus, sequence);
    }

    public static void submitSmResp(ByteBuf out, int sequence, String messageId) throws PDUStringException {
        StringValidator.validateString(messageId, StringParameter.MESSAGE_ID);
        int start = begin(out, SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.STAT_ESME_ROK, sequence);
        cString(out, messageId);
        end(out, start);
    }

    /** deliver_sm_resp: its message_id is unused and written empty. */
    public static void deliverSmResp(ByteBuf out, int commandStatus, int sequence) {
        int start = begin(out, SMPPConstant.CID_DELIVER_SM_RESP, commandStatus, sequence);
        out.writeByte(0);
        end(out, start);
    }

    /** As {@link Pdus#submitSm}: short_message when it fits, else the message_payload TLV. */
    public static void submitSm(ByteBuf out, int sequence, ShortMessage m) throws PDUStringException {
        submitSm(out, sequence, m, 0, 0, 0);
    }

    /** As {@link #submitSm(ByteBuf, int, ShortMessage)}, with a validity_period as {@link TimeField#validity}. */
    public static void submitSm(ByteBuf out, int sequence, ShortMessage m, long validUntilMillis,
                                long maxValidityMillis, long nowMillis) throws PDUStringException {
        boolean fits = m.payload().length <= Pdus.MAX_SHORT_MESSAGE;
        checkAddresses(m, fits);
        int start = begin(out, SMPPConstant.CID_SUBMIT_SM, SMPPConstant.STAT_ESME_ROK, sequence);
        out.writeByte(0); // service_type
        addresses(out, m);
        out.writeByte(0); // schedule_delivery_time: the gateway holds a scheduled message itself
        TimeField.validity(out, validUntilMillis, maxValidityMillis, nowMillis);
        out.writeByte(m.registeredDelivery());
        out.writeByte(0); // replace_if_present_flag
        out.writeByte(m.dataCoding());
        out.writeByte(0); // sm_default_msg_id
        shortMessage(out, m, fits);
        if (m.hasSar()) { // as the tenant sent them, so the carrier joins the parts as the tenant meant
            out.writeShort(OptionalParameter.Tag.SAR_MSG_REF_NUM.code()).writeShort(2).writeShort(m.sarReference());
            out.writeShort(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS.code()).writeShort(1).writeByte(m.sarTotal());
            out.writeShort(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM.code()).writeShort(1).writeByte(m.sarSeq());
        }
        end(out, start);
    }

    /**
     * As {@link Pdus#deliverSm}: toward a tenant, the receipt TLVs when given ({@code receiptedMessageId} null and
     * {@code messageState} -1 for an MO).
     */
    public static void deliverSm(ByteBuf out, int sequence, ShortMessage m, String receiptedMessageId,
                                 int messageState) throws PDUStringException {
        boolean fits = m.payload().length <= Pdus.MAX_SHORT_MESSAGE;
        checkAddresses(m, fits);
        int start = begin(out, SMPPConstant.CID_DELIVER_SM, SMPPConstant.STAT_ESME_ROK, sequence);
        out.writeByte(0); // service_type
        addresses(out, m);
        out.writeByte(0); // schedule_delivery_time
        out.writeByte(0); // validity_period
        out.writeByte(m.registeredDelivery());
        out.writeByte(0); // replace_if_present_flag
        out.writeByte(m.dataCoding());
        out.writeByte(0); // sm_default_msg_id
        shortMessage(out, m, fits);
        if (receiptedMessageId != null) {
            out.writeShort(OptionalParameter.Tag.RECEIPTED_MESSAGE_ID.code());
            int lengthAt = out.writerIndex();
            out.writeShort(0);
            cString(out, receiptedMessageId);
            out.setShort(lengthAt, out.writerIndex() - lengthAt - 2);
        }
        if (messageState >= 0) {
            out.writeShort(OptionalParameter.Tag.MESSAGE_STATE.code());
            out.writeShort(1);
            out.writeByte(messageState);
        }
        end(out, start);
    }

    private static void checkAddresses(ShortMessage m, boolean fits) throws PDUStringException {
        StringValidator.validateString(m.sourceAddr(), StringParameter.SOURCE_ADDR);
        StringValidator.validateString(m.destAddr(), StringParameter.DESTINATION_ADDR);
        if (fits) {
            StringValidator.validateString(m.payload(), StringParameter.SHORT_MESSAGE);
        }
    }

    private static void addresses(ByteBuf out, ShortMessage m) {
        out.writeByte(m.sourceTon());
        out.writeByte(m.sourceNpi());
        cString(out, m.sourceAddr());
        out.writeByte(m.destTon());
        out.writeByte(m.destNpi());
        cString(out, m.destAddr());
        out.writeByte(m.esmClass());
        out.writeByte(m.protocolId());
        out.writeByte(m.priorityFlag());
    }

    private static void shortMessage(ByteBuf out, ShortMessage m, boolean fits) {
        byte[] payload = m.payload();
        if (fits) {
            out.writeByte(payload.length);
            out.writeBytes(payload);
        } else {
            out.writeByte(0);
            out.writeShort(OptionalParameter.Tag.MESSAGE_PAYLOAD.code());
            out.writeShort(payload.length);
            out.writeBytes(payload);
        }
    }

    /** The header with a command_length to be filled in by {@link #end}; returns where the PDU starts. */
    private static int begin(ByteBuf out, int commandId, int commandStatus, int sequence) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(commandId).writeInt(commandStatus).writeInt(sequence);
        return start;
    }

    private static void end(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start);
    }

    /** A C-octet string as jSMPP writes one ({@code String.getBytes()} and a NUL); ASCII without the copy. */
    private static void cString(ByteBuf out, String value) {
        if (value != null) {
            int n = value.length();
            boolean ascii = true;
            for (int i = 0; i < n && ascii; i++) {
                ascii = value.charAt(i) < 0x80;
            }
            if (ascii) {
                for (int i = 0; i < n; i++) {
                    out.writeByte(value.charAt(i));
                }
            } else {
                out.writeBytes(value.getBytes());
            }
        }
        out.writeByte(0);
    }
}
