package io.edgegw.smpp.codec;

/**
 * A well-framed PDU the codec could not turn into a jSMPP bean: a body that breaks the SMPP 3.4 field rules (a
 * missing C-string terminator, an over-long field, a short_message or TLV running past the end). {@code commandStatus}
 * is the status to answer with. (An unknown command_id is no decoding error: it comes out as a bare header.)
 */
public record UndecodablePdu(int commandId, int sequenceNumber, int commandStatus, String reason) {
    /** Responses (high bit of command_id set) get no answer; requests do. */
    public boolean isRequest() {
        return (commandId & 0x80000000) == 0;
    }
}
