package io.edgegw.simulator.wire;

/**
 * The mandatory fields submit_sm and deliver_sm share (SMPP 3.4 4.4.1 and 4.6.1), from service_type to
 * sm_default_msg_id; short_message and the TLVs travel beside them. Strings are C-Octet Strings without the NUL.
 */
public record MessageFields(String serviceType, byte sourceTon, byte sourceNpi, String source,
                            byte destTon, byte destNpi, String destination, byte esmClass, byte protocolId,
                            byte priorityFlag, String scheduleDeliveryTime, String validityPeriod,
                            byte registeredDelivery, byte replaceIfPresent, byte dataCoding, byte smDefaultMsgId) {

    /** The usual case: no service type, schedule, validity or replacement; protocol_id, priority 0. */
    public static MessageFields of(byte sourceTon, byte sourceNpi, String source, byte destTon, byte destNpi,
                                   String destination, byte esmClass, byte registeredDelivery, byte dataCoding) {
        return new MessageFields("", sourceTon, sourceNpi, source, destTon, destNpi, destination, esmClass, (byte) 0,
                (byte) 0, "", "", registeredDelivery, (byte) 0, dataCoding, (byte) 0);
    }
}
