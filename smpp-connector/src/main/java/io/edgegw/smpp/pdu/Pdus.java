package io.edgegw.smpp.pdu;

import io.edgegw.core.message.ShortMessage;
import org.jsmpp.PDUStringException;
import org.jsmpp.SMPPConstant;
import org.jsmpp.bean.InterfaceVersion;
import org.jsmpp.bean.OptionalParameter;
import org.jsmpp.util.DefaultComposer;
import org.jsmpp.util.PDUComposer;

import java.util.ArrayList;
import java.util.List;

/**
 * Builds whole PDUs as {@code byte[]} with jSMPP's composer, in the gateway's terms. The composer is stateless,
 * so one instance serves every thread.
 */
public final class Pdus {
    /** The largest short_message; longer payloads travel in the message_payload TLV (SMPP 3.4, 5.3.2.32). */
    public static final int MAX_SHORT_MESSAGE = 254;

    private static final PDUComposer COMPOSER = new DefaultComposer();
    private static final byte[] EMPTY = new byte[0];

    private Pdus() {
    }

    /** The response to {@code commandId} carrying only a header: the body is omitted on error (SMPP 3.4, 3.3). */
    public static byte[] errorResponse(int requestCommandId, int commandStatus, int sequence) {
        return COMPOSER.composeHeader(requestCommandId | SMPPConstant.CID_GENERIC_NACK, commandStatus, sequence);
    }

    public static byte[] genericNack(int commandStatus, int sequence) {
        return COMPOSER.genericNack(commandStatus, sequence);
    }

    public static byte[] bindResp(int bindCommandId, int sequence, String systemId) throws PDUStringException {
        return COMPOSER.bindResp(bindCommandId | SMPPConstant.CID_GENERIC_NACK, sequence, systemId,
                new OptionalParameter.Sc_interface_version(InterfaceVersion.IF_34.value()));
    }

    public static byte[] bindTransceiver(int sequence, String systemId, String password, String systemType)
            throws PDUStringException {
        return bind(SMPPConstant.CID_BIND_TRANSCEIVER, sequence, systemId, password, systemType);
    }

    /** bind_transmitter, bind_receiver or bind_transceiver, as {@code bindCommandId} says. */
    public static byte[] bind(int bindCommandId, int sequence, String systemId, String password, String systemType)
            throws PDUStringException {
        return COMPOSER.bind(bindCommandId, sequence, systemId, password, systemType,
                SMPPConstant.IF_VERSION_34, (byte) 0, (byte) 0, null);
    }

    public static byte[] submitSmResp(int sequence, String messageId) throws PDUStringException {
        return COMPOSER.submitSmResp(sequence, messageId);
    }

    public static byte[] deliverSmResp(int commandStatus, int sequence) {
        return COMPOSER.deliverSmResp(commandStatus, sequence, null);
    }

    public static byte[] dataSmResp(int commandStatus, int sequence) throws PDUStringException {
        return COMPOSER.dataSmResp(commandStatus, sequence, null);
    }

    public static byte[] enquireLink(int sequence) {
        return COMPOSER.enquireLink(sequence);
    }

    public static byte[] enquireLinkResp(int sequence) {
        return COMPOSER.enquireLinkResp(sequence);
    }

    public static byte[] unbind(int sequence) {
        return COMPOSER.unbind(sequence);
    }

    public static byte[] unbindResp(int sequence) {
        return COMPOSER.unbindResp(SMPPConstant.STAT_ESME_ROK, sequence);
    }

    public static byte[] submitSm(int sequence, ShortMessage m) throws PDUStringException {
        boolean fits = m.payload().length <= MAX_SHORT_MESSAGE;
        return COMPOSER.submitSm(sequence, null, m.sourceTon(), m.sourceNpi(), m.sourceAddr(),
                m.destTon(), m.destNpi(), m.destAddr(), m.esmClass(), m.protocolId(), m.priorityFlag(),
                null, null, m.registeredDelivery(), (byte) 0, m.dataCoding(), (byte) 0,
                fits ? m.payload() : EMPTY, submitTlvs(m, fits));
    }

    /** message_payload when the payload does not fit short_message, then the SAR values of a part. */
    private static OptionalParameter[] submitTlvs(ShortMessage m, boolean fits) {
        List<OptionalParameter> tlvs = new ArrayList<>(4);
        if (!fits) {
            tlvs.add(payloadTlv(m));
        }
        if (m.hasSar()) {
            tlvs.add(new OptionalParameter.Sar_msg_ref_num((short) m.sarReference()));
            tlvs.add(new OptionalParameter.Sar_total_segments((byte) m.sarTotal()));
            tlvs.add(new OptionalParameter.Sar_segment_seqnum((byte) m.sarSeq()));
        }
        return tlvs.toArray(new OptionalParameter[0]);
    }

    /**
     * A deliver_sm toward a tenant; receipt TLVs when given ({@code receiptedMessageId} null and
     * {@code messageState} -1 for an MO).
     */
    public static byte[] deliverSm(int sequence, ShortMessage m, String receiptedMessageId, int messageState)
            throws PDUStringException {
        boolean fits = m.payload().length <= MAX_SHORT_MESSAGE;
        List<OptionalParameter> tlvs = new ArrayList<>(3);
        if (!fits) {
            tlvs.add(payloadTlv(m));
        }
        if (receiptedMessageId != null) {
            tlvs.add(new OptionalParameter.Receipted_message_id(receiptedMessageId));
        }
        if (messageState >= 0) {
            tlvs.add(new OptionalParameter.Message_state((byte) messageState));
        }
        return COMPOSER.deliverSm(sequence, null, m.sourceTon(), m.sourceNpi(), m.sourceAddr(),
                m.destTon(), m.destNpi(), m.destAddr(), m.esmClass(), m.protocolId(), m.priorityFlag(),
                m.registeredDelivery(), m.dataCoding(), fits ? m.payload() : EMPTY,
                tlvs.toArray(new OptionalParameter[0]));
    }

    private static OptionalParameter payloadTlv(ShortMessage m) {
        return new OptionalParameter.Message_payload(m.payload());
    }
}
