package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.sip.config.SipTenant;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.core.route.PrefixMap;
import io.edgegw.sip.cdr.CallDetail;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.edgegw.sipstack.transport.Peer;

import javax.sip.message.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Inbound calls: an INVITE from a carrier goes to the tenant owning the dialled number (the longest of its
 * {@code numbers} that prefixes the Request-URI's digits, as for MO SMS), at its {@code sipTarget}, as a {@link Call}
 * with that one target: Record-Route, CANCEL, ACK, BYE, CDRs, maxCallSeconds and the tenant's maxConcurrentCalls
 * all work as for outbound calls. The tenant's callsPerSecond limits only the calls it places.
 */
final class Inbound {
    private static final Logger LOG = LoggerFactory.getLogger(Inbound.class);

    private final Calls calls;
    private final CarrierSources carriers;
    private final PrefixMap<String> owners = new PrefixMap<>();
    private final Map<String, Trunk> targets = new HashMap<>();
    private final Map<String, CallLimit> tenantLimits;
    private final OncePerMinute unavailableLog = new OncePerMinute();

    Inbound(Calls calls, GatewayConfig config, Map<String, CallLimit> tenantLimits) {
        this.calls = calls;
        this.tenantLimits = tenantLimits;
        this.carriers = new CarrierSources(config.carriers() == null ? List.of() : config.carriers());
        for (TenantConfig t : config.tenants() == null ? List.<TenantConfig>of() : config.tenants()) {
            t.numbers().forEach(n -> owners.put(n, t.id()));
            if (SipTenant.of(t).sipTarget() == null) {
                continue;
            }
            targets.put(t.id(), new Trunk("tenant:" + t.id(), SipTenant.of(t).sipTarget()));
        }
    }

    /** Meters of inbound calls: every carrier with a SIP trunk, every tenant owning numbers. */
    static InboundMetrics metrics(MeterRegistry registry, GatewayConfig config) {
        List<String> carriers = new ArrayList<>();
        for (CarrierConfig c : config.carriers() == null ? List.<CarrierConfig>of() : config.carriers()) {
            if (SipTrunkConfig.of(c) != null) {
                carriers.add(c.id());
            }
        }
        List<String> owners = new ArrayList<>();
        for (TenantConfig t : config.tenants() == null ? List.<TenantConfig>of() : config.tenants()) {
            if (!t.numbers().isEmpty()) {
                owners.add(t.id());
            }
        }
        return new InboundMetrics(registry, carriers, owners);
    }

    /** The carrier a message from {@code source} comes from, or null when it is not an inbound call. */
    String carrierOf(Peer source) {
        return carriers.carrierOf(source.address().getAddress(), source.address().getPort());
    }

    /** Sets up the carrier's call toward the tenant owning the number, or answers it (404, 480, 503) with a CDR. */
    void call(ServerTransaction<SipMessage> st, SipRequest invite, String carrier, Instant received) {
        String digits = invite.requestUri() == null ? null : Proxy.digits(invite.requestUri().user());
        String owner = digits == null ? null : owners.lookup(digits);
        CallDetail detail = CallDetail.inbound(owner == null ? "" : owner, carrier,
                invite.from() == null ? "" : invite.from().uri(), invite.to() == null ? "" : invite.to().uri(),
                invite.callId(), received);
        if (owner == null) {
            LOG.debug("inbound INVITE from carrier {} to '{}': no tenant owns the number; answered 404", carrier,
                    invite.requestUriText());
            refuse(st, Proxy.answer(st, Response.NOT_FOUND, null), detail, "no_owner");
            return;
        }
        if (Hops.outOfHops(invite)) {
            refuse(st, Proxy.answer(st, Response.TOO_MANY_HOPS, null), detail, "bad_request");
            return;
        }
        Trunk target = targets.get(owner);
        if (target == null) {
            if (unavailableLog.allow(owner)) {
                LOG.warn("inbound INVITE from carrier {} to {}: tenant {} owns the number but has no usable "
                        + "sipTarget; answered 480 (logged once a minute per tenant)", carrier, digits, owner);
            }
            refuse(st, Proxy.answer(st, Response.TEMPORARILY_UNAVAILABLE, null), detail, "no_target");
            return;
        }
        CallLimit limit = tenantLimits.get(owner);
        Lease place = limit.takePlace();
        if (place == null) {
            LOG.debug("inbound INVITE to tenant {}: {} calls already up (maxConcurrentCalls); answered 503", owner,
                    limit.active());
            refuse(st, Proxy.answer(st, Response.SERVICE_UNAVAILABLE, "Too many calls"), detail, "concurrent");
            return;
        }
        Call call = new Call(owner, digits, st, List.of(target), calls, place, detail);
        if (!calls.admit(call)) {
            place.release();
            refuse(st, Proxy.answer(st, Response.SERVICE_UNAVAILABLE, null), detail, "max_calls");
            return;
        }
        st.appData(call);
        call.start();
    }

    private void refuse(ServerTransaction<SipMessage> st, SipResponse r, CallDetail detail, String reason) {
        calls.cdrs.add(detail.failed(r.statusCode(), "refused", false));
        calls.metrics.inbound().refused(detail.tenant(), detail.carrier(), reason);
        st.respond(r);
    }
}
