package io.edgegw.simulator.wire;

import io.netty.buffer.ByteBuf;
import org.jsmpp.SMPPConstant;

import java.nio.charset.StandardCharsets;

/**
 * Reads the fields of one PDU body in order, each within its SMPP 3.4 limit (5.2), and fails with the command_status
 * that names the broken field. Failing is by {@link Refused}, thrown without a stack trace: a peer's bad body is an
 * answer to give, not a program error. Single use, on one frame.
 */
final class BodyReader {
    private final ByteBuf frame;
    private final int end;
    private int at;

    BodyReader(ByteBuf frame) {
        this.frame = frame;
        this.at = frame.readerIndex() + SmppFraming.HEADER_OCTETS;
        this.end = frame.writerIndex();
    }

    /** Why a body cannot be read: the status to answer with and a line for the log. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String reason) {
            super(reason, null, false, false);
            this.status = status;
        }
    }

    byte octet(String field) throws Refused {
        if (at >= end) {
            throw new Refused(SMPPConstant.STAT_ESME_RINVCMDLEN, "body ends before " + field);
        }
        return frame.getByte(at++);
    }

    /**
     * A C-Octet String of at most {@code maxOctets} octets, its NUL included; the NUL must come within that limit and
     * within the body, else {@code status}. The empty string is the NUL alone.
     */
    String cString(String field, int maxOctets, int status) throws Refused {
        int limit = Math.min(end, at + maxOctets);
        int nul = frame.indexOf(at, limit, (byte) 0);
        if (nul < 0) {
            throw new Refused(limit == end && end - at < maxOctets ? SMPPConstant.STAT_ESME_RINVCMDLEN : status,
                    field + " has no NUL within " + maxOctets + " octets");
        }
        String value = nul == at ? "" : frame.toString(at, nul - at, StandardCharsets.ISO_8859_1);
        at = nul + 1;
        return value;
    }

    /** A time field (schedule_delivery_time, validity_period, 7.1.1): empty, or exactly 16 characters. */
    String time(String field, int status) throws Refused {
        String value = cString(field, 17, status);
        if (!value.isEmpty() && value.length() != 16) {
            throw new Refused(status, field + " is neither empty nor 16 characters: '" + value + "'");
        }
        return value;
    }

    /** sm_length then short_message (at most 254 octets, 5.2.21), copied out. */
    byte[] shortMessage() throws Refused {
        int length = octet("sm_length") & 0xFF;
        if (length > 254) {
            throw new Refused(SMPPConstant.STAT_ESME_RINVMSGLEN, "sm_length " + length + " over 254");
        }
        if (length > end - at) {
            throw new Refused(SMPPConstant.STAT_ESME_RINVCMDLEN, "short_message runs past the body");
        }
        byte[] octets = new byte[length];
        frame.getBytes(at, octets);
        at += length;
        return octets;
    }

    /** Whatever follows the mandatory fields, as TLVs; checked to be whole entries. */
    Tlvs tlvs() throws Refused {
        int length = end - at;
        if (length == 0) {
            return Tlvs.NONE;
        }
        if (!Tlvs.isWellFormed(frame, at, length)) {
            throw new Refused(SMPPConstant.STAT_ESME_RINVTLVSTREAM, "optional part is not whole TLVs");
        }
        byte[] octets = new byte[length];
        frame.getBytes(at, octets);
        at = end;
        return Tlvs.wrap(octets);
    }

    boolean atEnd() {
        return at == end;
    }

    /** For PDUs whose body is fixed: octets left over mean the command_length is wrong. */
    void expectEnd() throws Refused {
        if (at != end) {
            throw new Refused(SMPPConstant.STAT_ESME_RINVCMDLEN, (end - at) + " octets after the last field");
        }
    }
}
