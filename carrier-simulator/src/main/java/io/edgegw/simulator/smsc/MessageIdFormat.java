package io.edgegw.simulator.smsc;

/** How the SMSC spells its message ids; real SMSCs differ and gateways must cope with both. */
public enum MessageIdFormat {
    HEX, DECIMAL;

    public String format(long id) {
        return this == HEX ? Long.toHexString(id) : Long.toString(id);
    }
}
