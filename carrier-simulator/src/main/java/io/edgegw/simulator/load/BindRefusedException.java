package io.edgegw.simulator.load;

import io.edgegw.simulator.SmppStatus;

/** The peer answered our bind with an error status (or never answered): the run cannot start. */
public final class BindRefusedException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    public BindRefusedException(String systemId, int status, String detail) {
        super("bind_transceiver as '" + systemId + "' refused: " + (status >= 0 ? SmppStatus.name(status) : "")
                + (detail == null ? "" : " " + detail));
        this.status = status;
    }

    /** The bind_resp command_status, or -1 when there was none (connection failed or timed out). */
    public int status() {
        return status;
    }
}
