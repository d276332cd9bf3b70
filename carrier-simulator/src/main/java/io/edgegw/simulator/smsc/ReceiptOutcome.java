package io.edgegw.simulator.smsc;

import org.jsmpp.bean.MessageState;

/** The final states a simulated handset delivery can reach, as written in the receipt's stat: field. */
public enum ReceiptOutcome {
    DELIVRD(MessageState.DELIVERED, "000"),
    UNDELIV(MessageState.UNDELIVERABLE, "001"),
    EXPIRED(MessageState.EXPIRED, "002"),
    REJECTD(MessageState.REJECTED, "003");

    private final MessageState state;
    private final String errorCode;

    ReceiptOutcome(MessageState state, String errorCode) {
        this.state = state;
        this.errorCode = errorCode;
    }

    public MessageState messageState() {
        return state;
    }

    /** The err: field; network specific in SMPP 3.4, so any stable three digits will do. */
    public String errorCode() {
        return errorCode;
    }

    public boolean isFailure() {
        return this != DELIVRD;
    }
}
