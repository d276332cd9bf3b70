package io.edgegw.smpp.tenant;

import io.edgegw.core.config.BindGuardConfig;
import io.edgegw.core.config.SmppServerConfig;

/**
 * What a tenant session needs to know, fixed at start.
 *
 * @param maxUnacknowledgedSubmits submit_sm accepted into the core but not yet answered; past it, ESME_RTHROTTLED
 * @param deliveryTimeoutMillis    a deliver_sm without deliver_sm_resp after this long goes back to the core
 * @param stalledPeerMillis        how long the tenant may leave our writes unread (reads paused) before it is cut off
 * @param bindGuard                how failed binds are throttled
 */
public record TenantSessionSettings(int bindTimeoutSeconds, int enquireLinkSeconds, int maxPduBytes,
                                    int maxUnacknowledgedSubmits, long deliveryTimeoutMillis, long stalledPeerMillis,
                                    BindGuardConfig bindGuard) {
    /** 1000 un-answered submits per session: ten times a generous ESME window, small enough to bound memory. */
    public static final int DEFAULT_MAX_UNACKNOWLEDGED_SUBMITS = 1000;
    public static final long DEFAULT_DELIVERY_TIMEOUT_MILLIS = 30_000;

    /** The default stall bound and bind guard. */
    public TenantSessionSettings(int bindTimeoutSeconds, int enquireLinkSeconds, int maxPduBytes,
                                 int maxUnacknowledgedSubmits, long deliveryTimeoutMillis) {
        this(bindTimeoutSeconds, enquireLinkSeconds, maxPduBytes, maxUnacknowledgedSubmits, deliveryTimeoutMillis,
                SmppServerConfig.DEFAULT_STALLED_PEER_SECONDS * 1000L, BindGuardConfig.DEFAULTS);
    }

    public static TenantSessionSettings from(SmppServerConfig config) {
        return new TenantSessionSettings(config.bindTimeoutSeconds(), config.enquireLinkSeconds(),
                config.maxPduBytes(), DEFAULT_MAX_UNACKNOWLEDGED_SUBMITS, DEFAULT_DELIVERY_TIMEOUT_MILLIS,
                config.stalledPeerSeconds() * 1000L, config.bindGuard());
    }
}
