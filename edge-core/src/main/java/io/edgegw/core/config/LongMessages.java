package io.edgegw.core.config;

/**
 * How a carrier takes a message longer than one segment that is not already a part ({@code carriers[].longMessages}).
 */
public enum LongMessages {
    /** Whole, as the tenant sent it (message_payload when it does not fit short_message). */
    PAYLOAD,
    /** Split into parts, each with a UDH concatenation IE of 8-bit reference ({@code 05 00 03 ref total seq}). */
    UDH,
    /** Split into parts, each with the SAR TLVs (sar_msg_ref_num, sar_total_segments, sar_segment_seqnum). */
    SAR;

    /** {@code payload}, {@code udh}, {@code sar}. */
    public String yamlName() {
        return ConfigNode.yamlName(this);
    }
}
