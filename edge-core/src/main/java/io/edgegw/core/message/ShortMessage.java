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
}
