package io.edgegw.simulator.smsc;

/** Where one ESME connection stands with the SMSC (SMPP 3.4 section 2.2). */
enum SmscSessionState {
    OPEN, BOUND_TX, BOUND_RX, BOUND_TRX, UNBOUND, CLOSED;

    boolean canSubmit() {
        return this == BOUND_TX || this == BOUND_TRX;
    }

    boolean canReceive() {
        return this == BOUND_RX || this == BOUND_TRX;
    }
}
