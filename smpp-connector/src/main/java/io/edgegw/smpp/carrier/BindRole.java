package io.edgegw.smpp.carrier;

import io.edgegw.core.config.CarrierBindType;
import org.jsmpp.SMPPConstant;

/** What one carrier bind is for, and so which bind PDU opens it. */
public enum BindRole {
    TRANSCEIVER(SMPPConstant.CID_BIND_TRANSCEIVER, true),
    TRANSMITTER(SMPPConstant.CID_BIND_TRANSMITTER, true),
    /** Receipts and MO only (split binds); never offered a submit. */
    RECEIVER(SMPPConstant.CID_BIND_RECEIVER, false);

    private final int bindCommandId;
    private final boolean submits;

    BindRole(int bindCommandId, boolean submits) {
        this.bindCommandId = bindCommandId;
        this.submits = submits;
    }

    public int bindCommandId() {
        return bindCommandId;
    }

    public boolean submits() {
        return submits;
    }

    /** The role of the {@code bindsPerEndpoint} binds that carry a carrier's submits. */
    public static BindRole submitting(CarrierBindType type) {
        return type == CarrierBindType.TRANSCEIVER ? TRANSCEIVER : TRANSMITTER;
    }
}
