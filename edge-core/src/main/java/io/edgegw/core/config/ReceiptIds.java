package io.edgegw.core.config;

/**
 * How a carrier's receipt ids relate to the message ids it gave in submit_sm_resp. Exactly one way is tried per
 * carrier: a conversion a carrier is not configured for could turn one message's receipt into another's (another
 * tenant's) match, since decimal {@code 256} and hex {@code 100} are the same number.
 */
public enum ReceiptIds {
    /** The receipt carries the id exactly as submit_sm_resp gave it (case and leading zeros aside). */
    AS_IS,
    /** submit_sm_resp ids are hex, receipts write them in decimal: the receipt's id is read as decimal, looked up as hex. */
    DECIMAL_TO_HEX,
    /** submit_sm_resp ids are decimal, receipts write them in hex: the receipt's id is read as hex, looked up as decimal. */
    HEX_TO_DECIMAL;

    /** {@code as-is}, {@code decimal-to-hex}, {@code hex-to-decimal}. */
    public String yamlName() {
        return ConfigNode.yamlName(this);
    }
}
