package io.edgegw.smpp.codec;

/**
 * A well-framed PDU the codec could not turn into a jSMPP bean: unknown command_id, or a body that breaks
 * the SMPP 3.4 field rules. {@code commandStatus} is the status to answer with.
 */
public record UndecodablePdu(int commandId, int sequenceNumber, int commandStatus, String reason) {
    /** Responses (high bit of command_id set) get no answer; requests do. */
    public boolean isRequest() {
        return (commandId & 0x80000000) == 0;
    }
}
