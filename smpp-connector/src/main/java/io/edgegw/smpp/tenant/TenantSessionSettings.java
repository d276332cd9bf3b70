package io.edgegw.smpp.tenant;

import io.edgegw.core.config.SmppServerConfig;

/**
 * What a tenant session needs to know, fixed at start.
 *
 * @param maxUnacknowledgedSubmits submit_sm accepted into the core but not yet answered; past it, ESME_RTHROTTLED
 * @param deliveryTimeoutMillis    a deliver_sm without deliver_sm_resp after this long goes back to the core
 */
public record TenantSessionSettings(int bindTimeoutSeconds, int enquireLinkSeconds, int maxPduBytes,
                                    int maxUnacknowledgedSubmits, long deliveryTimeoutMillis) {
    /** 1000 un-answered submits per session: ten times a generous ESME window, small enough to bound memory. */
    public static final int DEFAULT_MAX_UNACKNOWLEDGED_SUBMITS = 1000;
    public static final long DEFAULT_DELIVERY_TIMEOUT_MILLIS = 30_000;

    public static TenantSessionSettings from(SmppServerConfig config) {
        return new TenantSessionSettings(config.bindTimeoutSeconds(), config.enquireLinkSeconds(),
                config.maxPduBytes(), DEFAULT_MAX_UNACKNOWLEDGED_SUBMITS, DEFAULT_DELIVERY_TIMEOUT_MILLIS);
    }
}
