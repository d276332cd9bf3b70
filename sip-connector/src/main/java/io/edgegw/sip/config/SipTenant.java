package io.edgegw.sip.config;

import io.edgegw.core.config.ClusterConfig;
import io.edgegw.core.config.TenantConfig;

import java.util.List;

/**
 * A tenant's SIP settings, read from its own keys in {@code tenants[]} and kept on its {@link TenantConfig} as an
 * extension.
 *
 * @param sipSources         IP addresses or CIDR blocks its SIP calls come from; a call from them is this tenant's
 * @param callsPerSecond     new SIP calls per second it may place (GCRA, burst one second's worth); 0 = no limit
 * @param maxConcurrentCalls SIP calls it may have set up or answered at once; 0 = no limit
 * @param callQueueMillis    longest an INVITE over {@code callsPerSecond} waits for its turn before 503; 0 = no wait
 * @param sipTarget          where inbound calls to its {@code numbers} (its DIDs) are sent (host, port, transport);
 *                           null: it takes no inbound calls (480)
 * @param sipAuth            digest credentials its calls from outside {@code sipSources} must give; null: none
 */
public record SipTenant(List<String> sipSources, int callsPerSecond, int maxConcurrentCalls, int callQueueMillis,
                        SipTrunkConfig sipTarget, SipAuthConfig sipAuth) {
    /** How long an INVITE over the tenant's calls per second may wait by default. */
    public static final int DEFAULT_CALL_QUEUE_MILLIS = 1000;
    /** A tenant placing and taking no SIP calls. */
    public static final SipTenant NONE = new SipTenant(List.of(), 0, 0, DEFAULT_CALL_QUEUE_MILLIS, null, null);

    public SipTenant {
        sipSources = sipSources == null ? List.of() : List.copyOf(sipSources);
    }

    /** The tenant's SIP settings; {@link #NONE} when its entry has no SIP keys. */
    public static SipTenant of(TenantConfig tenant) {
        SipTenant s = tenant.extension(SipTenant.class);
        return s == null ? NONE : s;
    }

    public SipTenant withSipSources(List<String> sources) {
        return new SipTenant(sources, callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth);
    }

    /**
     * The tenant's call limits as one instance of {@code cluster} enforces them: its part of {@code callsPerSecond}
     * and {@code maxConcurrentCalls}, 0 (no limit) staying 0 and a set value giving each instance at least 1 (the
     * loader refuses one below the number of instances, so the parts add up to it).
     */
    public SipTenant share(ClusterConfig cluster) {
        if (cluster.instances() == 1) {
            return this;
        }
        return withCallLimits(cluster.limitShare(callsPerSecond), cluster.limitShare(maxConcurrentCalls));
    }

    public SipTenant withCallLimits(int perSecond, int concurrent) {
        return new SipTenant(sipSources, perSecond, concurrent, callQueueMillis, sipTarget, sipAuth);
    }

    public SipTenant withSipTarget(SipTrunkConfig target) {
        return new SipTenant(sipSources, callsPerSecond, maxConcurrentCalls, callQueueMillis, target, sipAuth);
    }

    public SipTenant withSipAuth(SipAuthConfig auth) {
        return new SipTenant(sipSources, callsPerSecond, maxConcurrentCalls, callQueueMillis, sipTarget, auth);
    }
}
