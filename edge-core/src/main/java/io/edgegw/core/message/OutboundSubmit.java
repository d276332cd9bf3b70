package io.edgegw.core.message;

import io.edgegw.core.text.Alphabet;

/**
 * A message on its way to a carrier, handed by the core's dispatcher to a {@link io.edgegw.core.spi.CarrierBind}
 * and handed back through {@link io.edgegw.core.spi.CarrierBindListener}. The connector reads it and must
 * not keep it after reporting its outcome.
 */
public interface OutboundSubmit {
    String tenantId();

    /** The gateway's message id, as sent to the tenant in submit_sm_resp. */
    String gatewayMessageId();

    ShortMessage message();

    /**
     * When the message's validity ends (epoch ms; its own validity_period or its tenant's default), 0 when it has
     * none. A connector tells the carrier, so the carrier does not try it for longer than the tenant asked.
     */
    default long validUntilMillis() {
        return 0;
    }

    /**
     * What its tenant means by data_coding 0 (its SMSC default alphabet, {@code tenants[].defaultAlphabet}): a
     * connector whose carrier means another converts the text (text.AltCharset).
     */
    default Alphabet smscDefault() {
        return Alphabet.GSM7;
    }
}
