package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTenant;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.config.ClusterConfig;
import io.edgegw.core.config.TenantConfig;
import io.edgegw.sip.cdr.CallDetail;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.transaction.ServerTransaction;

import javax.sip.message.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whether a tenant's routed INVITE may go to its trunks now: its concurrent calls ({@code maxConcurrentCalls}), then
 * its calls per second, where an INVITE over the rate waits its turn in the tenant's {@link CallQueue}, then the
 * proxy's own {@code sip.maxCalls}. Refusals are answered here, each with its CDR. Lock-free; the tenant table is
 * built once and only read after.
 */
final class Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Admission.class);

    private final Calls calls;
    private final Map<String, CallLimit> limits = new HashMap<>();
    private final Map<String, CallQueue> queues = new HashMap<>();
    private final OncePerMinute limitLog = new OncePerMinute();

    /** @param cluster whose instance this is: it enforces its part of each tenant's limits */
    Admission(Calls calls, List<TenantConfig> tenants, ClusterConfig cluster) {
        this.calls = calls;
        for (TenantConfig t : tenants) {
            SipTenant sip = SipTenant.of(t).share(cluster);
            CallLimit limit = new CallLimit(sip.callsPerSecond(), sip.maxConcurrentCalls());
            limits.put(t.id(), limit);
            queues.put(t.id(), new CallQueue(t.id(), limit, sip.callsPerSecond(), sip.callQueueMillis(), calls,
                    this::overRate));
        }
    }

    /** Each tenant's limits, for the meters. */
    Map<String, CallLimit> limits() {
        return limits;
    }

    /** Calls of the tenant set up or answered right now (0 for a tenant it does not know). */
    int active(String tenant) {
        CallLimit l = limits.get(tenant);
        return l == null ? 0 : l.active();
    }

    /**
     * Starts the tenant's call on {@code trunks} now, queues it for its turn, or answers it 503. Its 100 Trying has
     * gone already, so a caller waiting in the queue does not retransmit.
     */
    void admit(String tenant, String digits, ServerTransaction<SipMessage> st, List<Trunk> trunks,
               CallDetail detail) {
        CallLimit limit = limits.get(tenant);
        Lease place = limit.takePlace();
        if (place == null) {
            if (limitLog.allow(tenant + "|concurrent")) {
                LOG.warn("INVITE from tenant {}: {} calls already up (tenants[].maxConcurrentCalls); answered 503 "
                        + "(logged once a minute per tenant)", tenant, limit.active());
            }
            refuse(st, Proxy.answer(st, Response.SERVICE_UNAVAILABLE, "Too many calls"), detail, "concurrent");
            return;
        }
        Call call = new Call(tenant, digits, st, trunks, calls, place, detail);
        if (!calls.admit(call)) { // a queued call counts among those being set up: a CANCEL finds it there
            place.release();
            LOG.warn("INVITE from tenant {}: {} calls already being set up (sip.maxCalls); answered 503", tenant,
                    calls.settingUp());
            refuse(st, Proxy.answer(st, Response.SERVICE_UNAVAILABLE, null), detail, "max_calls");
            return;
        }
        st.appData(call); // a CANCEL finds it there, queued or not
        queues.get(tenant).offer(call);
    }

    /** Over the tenant's rate with no room or time left in its queue: 503 with Retry-After. */
    private void overRate(Call call) {
        if (limitLog.allow(call.tenantId + "|cps")) {
            LOG.warn("INVITE from tenant {}: over its tenants[].callsPerSecond with its call queue full or its "
                    + "callQueueMillis waited; answered 503 with Retry-After (logged once a minute per tenant)",
                    call.tenantId);
        }
        call.refusedOverRate();
    }

    /** A tenant's call refused before it became a {@link Call}: the answer, and a CDR. */
    private void refuse(ServerTransaction<SipMessage> st, io.edgegw.sipstack.message.SipResponse r, CallDetail detail,
                        String reason) {
        calls.cdrs.add(detail.failed(r.statusCode(), "refused", false));
        calls.metrics.refused(detail.tenant(), reason);
        st.respond(r);
    }
}
