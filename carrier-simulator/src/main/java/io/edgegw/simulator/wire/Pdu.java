package io.edgegw.simulator.wire;

import org.jsmpp.SMPPConstant;

/**
 * One SMPP 3.4 PDU as {@link PduDecoder} reads it: the PDUs the simulator and the load generator exchange, decoded
 * field by field, and three shapes for what they do not serve ({@link Unsupported}), cannot read ({@link Malformed})
 * or cannot even frame ({@link BadFrame}). Strings are the C-Octet String fields without their NUL; absent optional
 * text is "".
 */
public sealed interface Pdu {
    int commandId();

    int sequenceNumber();

    /** SMPP 3.4 3.2: requests carry status 0; only responses have one to read. */
    default int commandStatus() {
        return SMPPConstant.STAT_ESME_ROK;
    }

    /** A request (high bit of command_id clear) is answered; a response never is. */
    static boolean isRequest(int commandId) {
        return (commandId & SMPPConstant.MASK_CID_RESP) == 0;
    }

    /** bind_transmitter, bind_receiver or bind_transceiver (4.1.1, 4.1.3, 4.1.5). */
    record Bind(int commandId, int sequenceNumber, String systemId, String password, String systemType,
                byte interfaceVersion, byte addrTon, byte addrNpi, String addressRange) implements Pdu {
    }

    /** The answer to a bind; {@code systemId} is "" when an error status left the body out (4.1.2). */
    record BindResp(int commandId, int commandStatus, int sequenceNumber, String systemId, Tlvs tlvs) implements Pdu {
    }

    /** submit_sm (4.4.1). {@code shortMessage} is a copy of the octets, {@code tlvs} the optional part. */
    record SubmitSm(int sequenceNumber, MessageFields fields, byte[] shortMessage, Tlvs tlvs) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_SUBMIT_SM;
        }
    }

    /** {@code messageId} is "" when an error status left the body out (4.4.2). */
    record SubmitSmResp(int commandStatus, int sequenceNumber, String messageId) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_SUBMIT_SM_RESP;
        }
    }

    /** deliver_sm (4.6.1): the same body as submit_sm. */
    record DeliverSm(int sequenceNumber, MessageFields fields, byte[] shortMessage, Tlvs tlvs) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_DELIVER_SM;
        }
    }

    /** Its message_id is unused (4.6.2), so not kept. */
    record DeliverSmResp(int commandStatus, int sequenceNumber) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_DELIVER_SM_RESP;
        }
    }

    record EnquireLink(int sequenceNumber) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_ENQUIRE_LINK;
        }
    }

    record EnquireLinkResp(int commandStatus, int sequenceNumber) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_ENQUIRE_LINK_RESP;
        }
    }

    record Unbind(int sequenceNumber) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_UNBIND;
        }
    }

    record UnbindResp(int commandStatus, int sequenceNumber) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_UNBIND_RESP;
        }
    }

    record GenericNack(int commandStatus, int sequenceNumber) implements Pdu {
        @Override
        public int commandId() {
            return SMPPConstant.CID_GENERIC_NACK;
        }
    }

    /**
     * A well-framed PDU of a command this code does not serve (query_sm, data_sm, submit_multi, an unknown id...):
     * its header only, its body left unread. A request is answered generic_nack ESME_RINVCMDID.
     */
    record Unsupported(int commandId, int commandStatus, int sequenceNumber) implements Pdu {
    }

    /**
     * A PDU of a command served here whose body breaks the SMPP 3.4 field rules (a C-Octet String without its NUL
     * within the field's limit, a body shorter or longer than its fields, a broken TLV). {@code error} is the
     * command_status to answer a request with.
     */
    record Malformed(int commandId, int sequenceNumber, int error, String reason) implements Pdu {
    }

    /**
     * A command_length below the 16-octet header or above the size bound: the byte stream cannot be cut into PDUs
     * after it. Answered generic_nack ESME_RINVCMDLEN, then the connection is closed.
     */
    record BadFrame(long commandLength, int commandId, int sequenceNumber) implements Pdu {
    }
}
