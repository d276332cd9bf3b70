package io.edgegw.sip.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Meters of inbound calls (a carrier's call to a tenant's number), apart from the tenants' own calls so that a
 * tenant's answer-seizure ratio stays its own. All registered when the proxy starts: one set per carrier with a SIP
 * trunk and tenant owning numbers, and one per carrier for refusals (an unowned number has no tenant).
 */
final class InboundMetrics {
    /** Why the proxy itself answered a carrier's INVITE with a failure. */
    static final List<String> REFUSALS = List.of("no_owner", "no_target", "concurrent", "max_calls", "bad_request");

    private final Map<String, Map<String, Counter[]>> callsByCarrier = new HashMap<>();
    private final Map<String, Map<String, Counter>> refusedByCarrier = new HashMap<>();

    InboundMetrics(MeterRegistry registry, Collection<String> carriers, Collection<String> owners) {
        for (String carrier : carriers) {
            Map<String, Counter[]> byTenant = new HashMap<>();
            for (String tenant : owners) {
                Counter[] byOutcome = new Counter[SipMetrics.Outcome.values().length];
                for (SipMetrics.Outcome o : SipMetrics.Outcome.values()) {
                    byOutcome[o.ordinal()] = Counter.builder("edge_sip_inbound_calls").tag("tenant", tenant)
                            .tag("carrier", carrier).tag("outcome", o.name().toLowerCase())
                            .description("Carriers' calls to tenants' numbers by how their set-up ended")
                            .register(registry);
                }
                byTenant.put(tenant, byOutcome);
            }
            callsByCarrier.put(carrier, byTenant);
            Map<String, Counter> refused = new HashMap<>();
            for (String reason : REFUSALS) {
                refused.put(reason, Counter.builder("edge_sip_inbound_refused").tag("carrier", carrier)
                        .tag("reason", reason).description("Carriers' INVITEs the proxy answered itself with a failure")
                        .register(registry));
            }
            refusedByCarrier.put(carrier, refused);
        }
    }

    void call(String tenant, String carrier, SipMetrics.Outcome outcome) {
        Map<String, Counter[]> byTenant = callsByCarrier.get(carrier);
        Counter[] c = byTenant == null ? null : byTenant.get(tenant);
        if (c != null) {
            c[outcome.ordinal()].increment();
        }
    }

    /** Refused by the proxy; also a call of the owning tenant, when some tenant owns the number. */
    void refused(String tenant, String carrier, String reason) {
        Map<String, Counter> r = refusedByCarrier.get(carrier);
        Counter c = r == null ? null : r.get(reason);
        if (c != null) {
            c.increment();
        }
        call(tenant, carrier, SipMetrics.Outcome.REFUSED);
    }
}
