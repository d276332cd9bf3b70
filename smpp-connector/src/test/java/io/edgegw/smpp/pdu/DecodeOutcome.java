package io.edgegw.smpp.pdu;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.Command;
import org.jsmpp.bean.EnquireLink;
import org.jsmpp.bean.EnquireLinkResp;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultDecomposer;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * What a decoder makes of one frame, comparable across decoders: every field of the bean it decodes (through the
 * class hierarchy, by reflection, so a field added to a bean is compared too; TLVs by class, tag and octets), or the
 * command_status a session answers a frame it cannot decode with, as {@code PduDecoder} maps exceptions.
 */
public record DecodeOutcome(String description, boolean decoded) {
    private static final DefaultDecomposer JSMPP = new DefaultDecomposer();

    public static boolean isHot(int commandId) {
        return switch (commandId) {
            case SMPPConstant.CID_SUBMIT_SM, SMPPConstant.CID_SUBMIT_SM_RESP, SMPPConstant.CID_DELIVER_SM,
                    SMPPConstant.CID_DELIVER_SM_RESP, SMPPConstant.CID_ENQUIRE_LINK,
                    SMPPConstant.CID_ENQUIRE_LINK_RESP -> true;
            default -> false;
        };
    }

    /** jSMPP's decoder on a copy of the frame, as the gateway decoded every PDU before {@link PduReader}. */
    public static DecodeOutcome jsmpp(byte[] frame) {
        int commandId = intAt(frame, 4);
        try {
            return of(switch (commandId) {
                case SMPPConstant.CID_SUBMIT_SM -> JSMPP.submitSm(frame);
                case SMPPConstant.CID_SUBMIT_SM_RESP -> JSMPP.submitSmResp(frame);
                case SMPPConstant.CID_DELIVER_SM -> JSMPP.deliverSm(frame);
                case SMPPConstant.CID_DELIVER_SM_RESP -> intAt(frame, 0) <= SMPPConstant.PDU_HEADER_LENGTH
                        ? headerOnlyDeliverSmResp(frame) : JSMPP.deliverSmResp(frame);
                case SMPPConstant.CID_ENQUIRE_LINK -> JSMPP.enquireLink(frame);
                case SMPPConstant.CID_ENQUIRE_LINK_RESP -> JSMPP.enquireLinkResp(frame);
                default -> throw new IllegalArgumentException("not a PDU of the message path: " + commandId);
            });
        } catch (PDUStringException e) {
            return refused(e.getErrorCode());
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            return refused(SMPPConstant.STAT_ESME_RINVCMDLEN);
        }
    }

    /**
     * The one place the gateway parts from jSMPP on purpose: a deliver_sm_resp of a header alone (an ESME's error
     * answer without its body, as SMPP 3.4 allows) is an answer, as jSMPP itself takes a header-only submit_sm_resp.
     */
    private static Command headerOnlyDeliverSmResp(byte[] frame) {
        if (frame.length < SMPPConstant.PDU_HEADER_LENGTH) {
            throw new IndexOutOfBoundsException("shorter than a header"); // refused, as jSMPP refuses it
        }
        org.jsmpp.bean.DeliverSmResp resp = new org.jsmpp.bean.DeliverSmResp();
        resp.setCommandLength(intAt(frame, 0));
        resp.setCommandId(intAt(frame, 4));
        resp.setCommandStatus(intAt(frame, 8));
        resp.setSequenceNumber(intAt(frame, 12));
        return resp;
    }

    /** {@link PduReader} on the frame where it lies, reading no further than the frame's own end. */
    public static DecodeOutcome reader(ByteBuf frame) {
        int commandId = frame.getInt(frame.readerIndex() + 4);
        try {
            return of(switch (commandId) {
                case SMPPConstant.CID_SUBMIT_SM -> PduReader.submitSm(frame);
                case SMPPConstant.CID_SUBMIT_SM_RESP -> PduReader.submitSmResp(frame);
                case SMPPConstant.CID_DELIVER_SM -> PduReader.deliverSm(frame);
                case SMPPConstant.CID_DELIVER_SM_RESP -> PduReader.deliverSmResp(frame);
                case SMPPConstant.CID_ENQUIRE_LINK -> PduReader.header(frame, new EnquireLink());
                case SMPPConstant.CID_ENQUIRE_LINK_RESP -> PduReader.header(frame, new EnquireLinkResp());
                default -> throw new IllegalArgumentException("not a PDU of the message path: " + commandId);
            });
        } catch (PDUStringException e) {
            return refused(e.getErrorCode());
        } catch (PduReader.TruncatedPdu e) {
            return refused(SMPPConstant.STAT_ESME_RINVCMDLEN);
        } catch (ArrayIndexOutOfBoundsException e) {
            // jSMPP's own TLV constructors on too short a value (a one-octet TLV of length 0), called as jSMPP does
            return refused(SMPPConstant.STAT_ESME_RINVCMDLEN);
        }
    }

    public static DecodeOutcome refused(int commandStatus) {
        return new DecodeOutcome("refused with command_status 0x" + Integer.toHexString(commandStatus), false);
    }

    /** The decoder's output as the pipeline carries it: a bean, or an undecodable frame's answer. */
    public static DecodeOutcome of(Object pdu) {
        if (pdu instanceof Command c) {
            return new DecodeOutcome(describe(c), true);
        }
        throw new IllegalArgumentException(String.valueOf(pdu));
    }

    static String describe(Command pdu) {
        StringBuilder s = new StringBuilder(pdu.getClass().getSimpleName());
        for (Class<?> c = pdu.getClass(); c != Object.class; c = c.getSuperclass()) {
            List<Field> fields = new ArrayList<>(List.of(c.getDeclaredFields()));
            fields.sort(Comparator.comparing(Field::getName));
            for (Field f : fields) {
                if (Modifier.isStatic(f.getModifiers())) {
                    continue;
                }
                f.setAccessible(true);
                try {
                    s.append(' ').append(f.getName()).append('=').append(value(f.get(pdu)));
                } catch (IllegalAccessException e) {
                    throw new AssertionError(e);
                }
            }
        }
        return s.toString();
    }

    private static String value(Object v) {
        if (v instanceof byte[] octets) {
            return "0x" + ByteBufUtil.hexDump(octets);
        }
        if (v instanceof OptionalParameter[] tlvs) {
            StringBuilder s = new StringBuilder("[");
            for (OptionalParameter p : tlvs) {
                s.append(p.getClass().getSimpleName()).append('/').append(p.tag).append("/0x")
                        .append(ByteBufUtil.hexDump(p.serialize())).append(' ');
            }
            return s.append(']').toString();
        }
        return v == null ? "null" : "'" + v + "'";
    }

    static int intAt(byte[] b, int at) {
        return (b[at] & 0xFF) << 24 | (b[at + 1] & 0xFF) << 16 | (b[at + 2] & 0xFF) << 8 | (b[at + 3] & 0xFF);
    }
}
