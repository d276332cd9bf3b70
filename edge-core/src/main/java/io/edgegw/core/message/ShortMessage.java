package io.edgegw.core.message;

/**
 * The protocol-neutral content of one SMS as it crosses the gateway, in SMPP 3.4 terms.
 * {@code payload} holds short_message or message_payload octets (bounded by the connector).
 */
public record ShortMessage(
        byte sourceTon, byte sourceNpi, String sourceAddr,
        byte destTon, byte destNpi, String destAddr,
        byte esmClass, byte protocolId, byte priorityFlag,
        byte registeredDelivery, byte dataCoding,
        byte[] payload) {

    /** The same message to another destination (e.g. the E.164 form of the one the tenant wrote). */
    public ShortMessage withDestination(byte ton, byte npi, String address) {
        return new ShortMessage(sourceTon, sourceNpi, sourceAddr, ton, npi, address, esmClass, protocolId,
                priorityFlag, registeredDelivery, dataCoding, payload);
    }
}
