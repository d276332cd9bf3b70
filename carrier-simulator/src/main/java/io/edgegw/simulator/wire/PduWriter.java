package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import org.jsmpp.SMPPConstant;

import java.nio.charset.StandardCharsets;

/**
 * Writes PDUs straight into a buffer (usually an {@link Outbox}'s pooled one), field by field as SMPP 3.4 section 4
 * lays them out; command_length is set once the PDU is complete. Hot PDUs with a part that changes per message
 * (a submit_sm's destination and text, a receipt's text) are written with {@link #beginMessage},
 * {@link #endShortMessage} and {@link #end}, so the caller writes that part in place instead of building it first.
 * A field over its SMPP limit is a bug of the caller (peers' values are checked when read): IllegalArgumentException.
 */
public final class PduWriter {
    /** sm_length is one octet, and SMPP 3.4 5.2.21 caps short_message at 254. */
    public static final int MAX_SHORT_MESSAGE = 254;

    private PduWriter() {
    }

    /** Writes the 16-octet header with command_length 0 for {@link #end} to fill in; returns where the PDU starts. */
    public static int begin(ByteBuf out, int commandId, int status, int sequence) {
        int start = out.writerIndex();
        out.writeInt(0).writeInt(commandId).writeInt(status).writeInt(sequence);
        return start;
    }

    /** Sets the command_length of the PDU begun at {@code start} to what has been written since. */
    public static void end(ByteBuf out, int start) {
        out.setInt(start, out.writerIndex() - start);
    }

    /** A PDU that is its header (enquire_link, unbind, their responses, generic_nack, an error response). */
    public static void header(ByteBuf out, int commandId, int status, int sequence) {
        out.writeInt(SmppFraming.HEADER_OCTETS).writeInt(commandId).writeInt(status).writeInt(sequence);
    }

    public static void bind(ByteBuf out, int commandId, int sequence, String systemId, String password,
                            String systemType, byte interfaceVersion, byte addrTon, byte addrNpi, String addressRange) {
        int start = begin(out, commandId, SMPPConstant.STAT_ESME_ROK, sequence);
        cString(out, systemId, 16);
        cString(out, password, 9);
        cString(out, systemType, 13);
        out.writeByte(interfaceVersion).writeByte(addrTon).writeByte(addrNpi);
        cString(out, addressRange, 41);
        end(out, start);
    }

    /** A bind accepted: the answering system_id, optional TLVs (sc_interface_version). */
    public static void bindResp(ByteBuf out, int commandId, int sequence, String systemId, Tlvs tlvs) {
        int start = begin(out, commandId, SMPPConstant.STAT_ESME_ROK, sequence);
        cString(out, systemId, 16);
        out.writeBytes(tlvs.octets());
        end(out, start);
    }

    /** submit_sm_resp ROK with its message_id (at most 64 characters). */
    public static void submitSmResp(ByteBuf out, int sequence, CharSequence messageId) {
        int start = begin(out, SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.STAT_ESME_ROK, sequence);
        cString(out, messageId, 65);
        end(out, start);
    }

    /** submit_sm_resp ROK whose message_id is {@code messageId} in lower-case hex or in decimal, written in place. */
    public static void submitSmResp(ByteBuf out, int sequence, long messageId, boolean hex) {
        int start = begin(out, SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.STAT_ESME_ROK, sequence);
        if (hex) {
            Digits.hex(out, messageId);
        } else {
            Digits.decimal(out, messageId);
        }
        out.writeByte(0);
        end(out, start);
    }

    /** deliver_sm_resp with its unused message_id as the lone NUL the spec asks for. */
    public static void deliverSmResp(ByteBuf out, int status, int sequence) {
        out.writeInt(SmppFraming.HEADER_OCTETS + 1).writeInt(SMPPConstant.CID_DELIVER_SM_RESP).writeInt(status)
                .writeInt(sequence).writeByte(0);
    }

    public static void submitSm(ByteBuf out, int sequence, MessageFields fields, byte[] shortMessage, Tlvs tlvs) {
        message(out, SMPPConstant.CID_SUBMIT_SM, sequence, fields, shortMessage, tlvs);
    }

    public static void deliverSm(ByteBuf out, int sequence, MessageFields fields, byte[] shortMessage, Tlvs tlvs) {
        message(out, SMPPConstant.CID_DELIVER_SM, sequence, fields, shortMessage, tlvs);
    }

    private static void message(ByteBuf out, int commandId, int sequence, MessageFields fields, byte[] shortMessage,
                                Tlvs tlvs) {
        int start = beginMessage(out, commandId, sequence, fields, null);
        int text = out.writerIndex();
        out.writeBytes(shortMessage);
        endShortMessage(out, text);
        out.writeBytes(tlvs.octets());
        end(out, start);
    }

    /**
     * Header and mandatory fields of a submit_sm or deliver_sm up to and including sm_length (written 0); the caller
     * then writes the short_message octets, calls {@link #endShortMessage} with the writer index they start at, writes
     * any TLVs and calls {@link #end}. {@code destination} replaces the fields' when not null (a load generator's
     * destination changes per message; the rest does not). Returns where the PDU starts.
     */
    public static int beginMessage(ByteBuf out, int commandId, int sequence, MessageFields f,
                                   CharSequence destination) {
        int start = begin(out, commandId, SMPPConstant.STAT_ESME_ROK, sequence);
        cString(out, f.serviceType(), 6);
        out.writeByte(f.sourceTon()).writeByte(f.sourceNpi());
        cString(out, f.source(), 21);
        out.writeByte(f.destTon()).writeByte(f.destNpi());
        cString(out, destination != null ? destination : f.destination(), 21);
        out.writeByte(f.esmClass()).writeByte(f.protocolId()).writeByte(f.priorityFlag());
        cString(out, f.scheduleDeliveryTime(), 17);
        cString(out, f.validityPeriod(), 17);
        out.writeByte(f.registeredDelivery()).writeByte(f.replaceIfPresent()).writeByte(f.dataCoding())
                .writeByte(f.smDefaultMsgId());
        out.writeByte(0); // sm_length, set by endShortMessage
        return start;
    }

    /** Sets sm_length to the octets written since {@code textStart} (the writer index right after beginMessage). */
    public static void endShortMessage(ByteBuf out, int textStart) {
        int length = out.writerIndex() - textStart;
        if (length > MAX_SHORT_MESSAGE) {
            throw new IllegalArgumentException("short_message of " + length + " octets (at most 254)");
        }
        out.setByte(textStart - 1, length);
    }

    /** Starts a TLV whose value the caller writes next; returns where the value starts, for {@link #endTlv}. */
    public static int beginTlv(ByteBuf out, short tag) {
        out.writeShort(tag).writeShort(0);
        return out.writerIndex();
    }

    public static void endTlv(ByteBuf out, int valueStart) {
        out.setShort(valueStart - 2, out.writerIndex() - valueStart);
    }

    /** A TLV of one octet (message_state). */
    public static void octetTlv(ByteBuf out, short tag, int value) {
        out.writeShort(tag).writeShort(1).writeByte(value);
    }

    /**
     * A C-Octet String: the characters as ISO-8859-1 octets (others as '?') then a NUL, at most {@code maxOctets} in
     * all. A null value is written as the empty string.
     */
    public static void cString(ByteBuf out, CharSequence value, int maxOctets) {
        if (value != null) {
            if (value.length() >= maxOctets) {
                throw new IllegalArgumentException("'" + value + "' is over the field's " + (maxOctets - 1)
                        + " characters");
            }
            out.writeCharSequence(value, StandardCharsets.ISO_8859_1); // one bounds check, not one per character
        }
        out.writeByte(0);
    }
}
