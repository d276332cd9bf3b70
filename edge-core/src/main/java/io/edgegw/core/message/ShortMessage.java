package io.edgegw.core.message;

/**
 * The protocol-neutral content of one SMS as it crosses the gateway, in SMPP 3.4 terms.
 * {@code payload} holds short_message or message_payload octets (bounded by the connector). {@code sar} holds the
 * SAR values of one part of a concatenated message as {@link #sar(int, int, int)} packs them, 0 when it has none
 * (a part's total is at least 1, so no part packs to 0).
 */
public record ShortMessage(
        byte sourceTon, byte sourceNpi, String sourceAddr,
        byte destTon, byte destNpi, String destAddr,
        byte esmClass, byte protocolId, byte priorityFlag,
        byte registeredDelivery, byte dataCoding,
        byte[] payload, int sar) {

    /** A message without SAR values. */
    public ShortMessage(byte sourceTon, byte sourceNpi, String sourceAddr, byte destTon, byte destNpi, String destAddr,
                        byte esmClass, byte protocolId, byte priorityFlag, byte registeredDelivery, byte dataCoding,
                        byte[] payload) {
        this(sourceTon, sourceNpi, sourceAddr, destTon, destNpi, destAddr, esmClass, protocolId, priorityFlag,
                registeredDelivery, dataCoding, payload, 0);
    }

    /** sar_msg_ref_num (16 bits), sar_total_segments and sar_segment_seqnum (1..255 each) in one int, never 0. */
    public static int sar(int reference, int total, int seq) {
        return (reference & 0xFFFF) << 16 | (total & 0xFF) << 8 | seq & 0xFF;
    }

    /** Whether it carries SAR values. */
    public boolean hasSar() {
        return sar != 0;
    }

    public int sarReference() {
        return sar >>> 16;
    }

    public int sarTotal() {
        return sar >>> 8 & 0xFF;
    }

    public int sarSeq() {
        return sar & 0xFF;
    }

    /** The same message with other user data (its text converted, say). */
    public ShortMessage withPayload(byte[] octets) {
        return new ShortMessage(sourceTon, sourceNpi, sourceAddr, destTon, destNpi, destAddr, esmClass, protocolId,
                priorityFlag, registeredDelivery, dataCoding, octets, sar);
    }

    /** The same message to another destination (e.g. the E.164 form of the one the tenant wrote). */
    public ShortMessage withDestination(byte ton, byte npi, String address) {
        return new ShortMessage(sourceTon, sourceNpi, sourceAddr, ton, npi, address, esmClass, protocolId,
                priorityFlag, registeredDelivery, dataCoding, payload, sar);
    }
}
