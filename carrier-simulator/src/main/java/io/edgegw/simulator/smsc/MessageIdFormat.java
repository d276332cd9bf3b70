package io.edgegw.simulator.smsc;

import io.edgegw.simulator.wire.Digits;
import io.netty.buffer.ByteBuf;

/** How the SMSC spells its message ids; real SMSCs differ and gateways must cope with both. */
public enum MessageIdFormat {
    HEX, DECIMAL;

    public String format(long id) {
        return this == HEX ? Long.toHexString(id) : Long.toString(id);
    }

    /** The same spelling as {@link #format}, written into {@code out} without a String. */
    void write(ByteBuf out, long id) {
        if (this == HEX) {
            Digits.hex(out, id);
        } else {
            Digits.decimal(out, id);
        }
    }
}
