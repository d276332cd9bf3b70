package io.edgegw.sip.proxy;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

import java.util.Map;

/** The proxy's meters, all registered when it starts, one set per tenant and per carrier trunk. */
final class SipMetrics {
    SipMetrics(MeterRegistry registry, Map<String, CallLimit> tenants, Map<String, Trunk> trunks) {
        tenants.forEach((id, limit) -> Gauge.builder("edge_sip_calls_active", limit, CallLimit::active)
                .tag("tenant", id).description("SIP calls of the tenant being set up or answered")
                .strongReference(true).register(registry));
        trunks.forEach((id, trunk) -> Gauge.builder("edge_sip_carrier_calls_active", trunk.limit(), CallLimit::active)
                .tag("carrier", id).description("SIP calls on the carrier's trunk being set up or answered")
                .strongReference(true).register(registry));
    }
}
