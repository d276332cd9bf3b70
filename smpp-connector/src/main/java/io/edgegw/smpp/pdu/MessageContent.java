package io.edgegw.smpp.pdu;

import io.edgegw.core.message.CarrierDelivery;
import io.edgegw.core.message.ShortMessage;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.AbstractSmCommand;
import org.jsmpp.bean.DataSm;
import org.jsmpp.bean.MessageRequest;
import org.jsmpp.bean.OptionalParameter;

import java.nio.charset.StandardCharsets;

/**
 * Turns decoded jSMPP requests into the core's protocol-neutral messages. Every length is bounded: the
 * payload by {@link #MAX_PAYLOAD}, the strings by jSMPP's own field validation when decoding.
 */
public final class MessageContent {
    /** A message_payload TLV's length field is 16 bits; nothing longer can be a valid payload. */
    public static final int MAX_PAYLOAD = 0xFFFF;

    private MessageContent() {
    }

    /** A submit_sm or deliver_sm: short_message or message_payload, never both. */
    public static Result fromRequest(MessageRequest request) {
        byte[] shortMessage = request.getShortMessage() == null ? new byte[0] : request.getShortMessage();
        byte[] payloadTlv = octets(request, OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (payloadTlv != null && shortMessage.length > 0) {
            // SMPP 3.4, 5.3.2.32: with message_payload, sm_length must be 0; a non-zero sm_length is the bad field.
            return Result.refused(SMPPConstant.STAT_ESME_RINVMSGLEN);
        }
        byte[] payload = payloadTlv != null ? payloadTlv : shortMessage;
        if (payload.length > MAX_PAYLOAD) {
            return Result.refused(SMPPConstant.STAT_ESME_RINVMSGLEN);
        }
        return Result.ok(message(request, request.getProtocolId(), request.getPriorityFlag(), payload));
    }

    /** A data_sm carries its user data only in message_payload. */
    public static Result fromDataSm(DataSm request) {
        byte[] payload = octets(request, OptionalParameter.Tag.MESSAGE_PAYLOAD);
        if (payload != null && payload.length > MAX_PAYLOAD) {
            return Result.refused(SMPPConstant.STAT_ESME_RINVMSGLEN);
        }
        return Result.ok(message(request, (byte) 0, (byte) 0, payload == null ? new byte[0] : payload));
    }

    /** The receipt TLVs of a carrier's deliver_sm or data_sm, read through jSMPP's typed parameters. */
    public static CarrierDelivery carrierDelivery(AbstractSmCommand request, ShortMessage message) {
        byte[] receipted = octets(request, OptionalParameter.Tag.RECEIPTED_MESSAGE_ID);
        OptionalParameter state = request.getOptionalParameter(OptionalParameter.Tag.MESSAGE_STATE);
        byte[] networkError = octets(request, OptionalParameter.Tag.NETWORK_ERROR_CODE);
        return new CarrierDelivery(message,
                receipted == null ? null : cString(receipted),
                state instanceof OptionalParameter.Byte b ? b.getValue() & 0xFF : -1,
                networkError);
    }

    private static ShortMessage message(AbstractSmCommand r, byte protocolId, byte priority, byte[] payload) {
        return new ShortMessage(r.getSourceAddrTon(), r.getSourceAddrNpi(), nonNull(r.getSourceAddr()),
                r.getDestAddrTon(), r.getDestAddrNpi(), nonNull(r.getDestAddress()),
                r.getEsmClass(), protocolId, priority, r.getRegisteredDelivery(), r.getDataCoding(), payload, sar(r));
    }

    /**
     * The three SAR values packed ({@link ShortMessage#sar}) when all are present and in range (a tenant's submit was
     * refused already when they are not: {@code SubmitChecks}); 0 otherwise.
     */
    static int sar(AbstractSmCommand r) {
        if (!(r.getOptionalParameter(OptionalParameter.Tag.SAR_MSG_REF_NUM) instanceof OptionalParameter.Short ref)
                || !(r.getOptionalParameter(OptionalParameter.Tag.SAR_TOTAL_SEGMENTS) instanceof OptionalParameter.Byte t)
                || !(r.getOptionalParameter(OptionalParameter.Tag.SAR_SEGMENT_SEQNUM) instanceof OptionalParameter.Byte q)) {
            return 0;
        }
        int total = t.getValue() & 0xFF;
        int seq = q.getValue() & 0xFF;
        return total >= 1 && seq >= 1 && seq <= total ? ShortMessage.sar(ref.getValue() & 0xFFFF, total, seq) : 0;
    }

    private static byte[] octets(AbstractSmCommand request, OptionalParameter.Tag tag) {
        OptionalParameter p = request.getOptionalParameter(tag);
        return p instanceof OptionalParameter.OctetString s ? s.getValue() : null;
    }

    /** Peers differ on whether the C-octet string TLV keeps its NUL; accept both. */
    private static String cString(byte[] value) {
        int end = value.length;
        while (end > 0 && value[end - 1] == 0) {
            end--;
        }
        return new String(value, 0, end, StandardCharsets.ISO_8859_1);
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    /** Either a message or the SMPP status to refuse it with. */
    public record Result(ShortMessage message, int refusal) {
        static Result ok(ShortMessage message) {
            return new Result(message, SMPPConstant.STAT_ESME_ROK);
        }

        static Result refused(int status) {
            return new Result(null, status);
        }

        public boolean isOk() {
            return message != null;
        }
    }
}
