package io.edgegw.core.config;

/** How the gateway binds to a carrier's endpoints; YAML names are the lower-case constant names. */
public enum CarrierBindType {
    /** bind_transceiver: submits, receipts and MO on the same binds. */
    TRANSCEIVER,
    /** bind_transmitter only: submits; the carrier sends no receipts or MO to us. */
    TRANSMITTER,
    /** bind_transmitter binds for submits plus one bind_receiver per endpoint for receipts and MO (Kannel's mode). */
    SPLIT;

    public String yamlName() {
        return ConfigNode.yamlName(this);
    }
}
