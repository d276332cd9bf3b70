package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.core.log.OncePerMinute;
import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.RouteConfig;
import io.edgegw.sip.config.SipConfig;
import io.edgegw.core.route.RouteTable;
import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipResponses;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.edgegw.sipstack.transaction.TransactionConfig;
import io.edgegw.sipstack.transaction.TransactionUser;
import io.edgegw.sipstack.transaction.Worker;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.AllowHeader;
import javax.sip.header.RetryAfterHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A stateful, record-routing proxy (RFC 3261 section 16) between tenants and carrier trunks, as the transaction
 * user of the Netty sip-stack. A tenant's new INVITE is admitted by its source address (or digest), routed by the
 * digits of its Request-URI, and tried on the route's trunks one after the other; everything in the dialog after
 * that goes between the call's two sides. Every callback runs on the worker of the message's Call-ID and never
 * blocks it.
 */
public final class Proxy implements TransactionUser<SipMessage> {
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

    /** What this proxy handles out of dialog, for Allow. */
    static final String ALLOWED = String.join(", ", Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL,
            Request.OPTIONS);
    /** Methods it knows but does not take out of dialog: 405; anything else is 501 (RFC 3261 section 8.2.1). */
    private static final Set<String> KNOWN = Set.of(Request.REGISTER, Request.SUBSCRIBE, Request.NOTIFY,
            Request.MESSAGE, Request.INFO, Request.UPDATE, Request.PRACK, Request.REFER, Request.PUBLISH);
    /** Seconds a caller refused for overload is asked to wait. */
    private static final int RETRY_AFTER_SECONDS = 1;

    /** Who places a new INVITE, decided before any state is kept: a tenant (its own call) or a carrier (inbound). */
    private record Caller(String tenant, String carrier, Instant received) {
    }

    private final Calls calls;
    private final Hops hops;
    private final TenantSources tenants;
    private final Inbound inbound;
    private final ProxyAuth auth;
    private final InDialog inDialog;
    /** Swapped whole by a route reload; read once per new INVITE, so a call keeps the trunks it was given. */
    private volatile RouteTable routes;
    private final Map<String, Trunk> trunks = new HashMap<>();
    private final Admission admission;
    private final OncePerMinute forbiddenLog = new OncePerMinute();
    private final OncePerMinute noRouteLog = new OncePerMinute();
    private final OncePerMinute overloadLog = new OncePerMinute();
    private final OncePerMinute badLog = new OncePerMinute();
    private final Prober prober;
    private final long overloadMillis;
    private final ShedInvites shed;
    /** The gateway is stopping: new INVITEs are answered 503 with Retry-After; calls under way go on. */
    private volatile boolean stopping;

    Proxy(Calls calls, GatewayConfig config, MeterRegistry registry) {
        this.calls = calls;
        this.hops = calls.hops;
        this.tenants = new TenantSources(config.tenants() == null ? List.of() : config.tenants());
        this.routes = new RouteTable(config.routes() == null ? List.of() : config.routes());
        // this instance's part of each tenant's and trunk's call limits: the parts of all instances hold the limits
        this.admission = new Admission(calls, config.tenants() == null ? List.of() : config.tenants(),
                config.cluster());
        for (CarrierConfig c : config.carriers() == null ? List.<CarrierConfig>of() : config.carriers()) {
            if (SipTrunkConfig.of(c) != null) {
                trunks.put(c.id(), new Trunk(c.id(), SipTrunkConfig.of(c).share(config.cluster()), config.quality()));
            }
        }
        calls.metrics = new SipMetrics(registry, admission.limits(), trunks, Inbound.metrics(registry, config));
        this.inbound = new Inbound(calls, config, admission.limits());
        this.auth = new ProxyAuth(calls, config.tenants() == null ? List.of() : config.tenants());
        this.inDialog = new InDialog(calls, registry);
        this.overloadMillis = SipConfig.of(config).overloadMillis();
        this.shed = new ShedInvites(calls.layer.workers().size());
        TrunkMeters.register(registry, trunks.values());
        prober = new Prober(calls, trunks.values());
    }

    /**
     * Routes new INVITEs by {@code routes} from now on (a route reload, validated by the gateway); calls being set up
     * keep the trunks they were given. A route's carriers without a SIP trunk are skipped, as at start.
     */
    public void routes(List<RouteConfig> routes) {
        this.routes = new RouteTable(routes);
    }

    /** Calls of the tenant set up or answered right now (0 for a tenant it does not know). */
    public int activeCalls(String tenantId) {
        return admission.active(tenantId);
    }

    /** Calls on the carrier's trunk right now, being set up or answered. */
    public int trunkCalls(String carrierId) {
        Trunk t = trunks.get(carrierId);
        return t == null ? 0 : t.limit().active();
    }

    /** Starts the trunks' OPTIONS probing; call once the transports run. */
    public void startProbing() {
        prober.start();
    }

    /** Every trunk's state and figures, and each tenant's calls: JSON-ready maps for operators. */
    public Map<String, Object> view() {
        return SipView.of(trunks, admission.limits(), calls.settingUp());
    }

    /** INVITEs being set up right now. */
    public int callsSettingUp() {
        return calls.settingUp();
    }

    /** Answered calls up right now. */
    public int callsUp() {
        return calls.dialogs.size();
    }

    /**
     * Before any state: an INVITE starting a call must come from a carrier, a tenant's address or a tenant's digest
     * credentials (strangers answered or dropped statelessly), and finds its worker not overloaded (work waiting over
     * sip.overloadMillis for a sustained time, {@code Worker.overloaded}; else 503 with Retry-After, statelessly:
     * calls in progress go on; a retransmission of an INVITE so answered gets the same answer, {@link ShedInvites}).
     * Everything else goes on to a transaction.
     */
    @Override
    public Object screen(SipMessage message, Hop source) {
        SipRequest request = (SipRequest) message;
        if (request.isMethod(Request.CANCEL)) {
            calls.metrics.cancel(); // the layer answers it: 200 and onCancel, or 481
        }
        if (!request.isMethod(Request.INVITE) || hasToTag(request)) {
            return Boolean.TRUE;
        }
        if (stopping) {
            calls.metrics.refusedStopping();
            source.send(calls.layer.codec().encode(retryAfter(hops.statelessAnswer(request,
                    Response.SERVICE_UNAVAILABLE))));
            return null;
        }
        InetAddress from = source.peer().address().getAddress();
        String carrier = inbound.carrierOf(source.peer());
        String tenant = carrier == null ? tenants.tenantOf(from) : null;
        if (carrier == null && tenant == null) {
            if (!auth.enabled()) {
                stranger(request, source, from);
                return null;
            }
            tenant = auth.authorize(request, source, from);
            if (tenant == null) {
                return null; // answered 407 (a challenge) or 403, statelessly
            }
        }
        Worker worker = calls.workerOf(request);
        if (worker.overloaded() || shed.contains(worker, request)) {
            shed.remember(worker, request); // its retransmissions get this answer too, overloaded still or not
            calls.metrics.overloaded();
            if (overloadLog.allow("overload")) {
                LOG.warn("SIP overloaded: work has waited over sip.overloadMillis ({} ms) for {} ms without a break; "
                        + "new INVITEs answered 503 with Retry-After, calls in progress go on (logged once a minute)",
                        overloadMillis, TransactionConfig.DEFAULT_OVERLOAD_SUSTAIN);
            }
            source.send(calls.layer.codec().encode(retryAfter(hops.statelessAnswer(request,
                    Response.SERVICE_UNAVAILABLE))));
            return null;
        }
        return new Caller(tenant, carrier, Instant.now());
    }

    @Override
    public void onRequest(ServerTransaction<SipMessage> tx) {
        SipRequest request = (SipRequest) tx.request();
        String method = request.method();
        if (hasToTag(request)) {
            inDialog.forward(tx);
        } else if (Request.INVITE.equals(method)) {
            newCall(tx, request, tx.appData());
        } else if (Request.OPTIONS.equals(method)) {
            tx.respond(allow(answer(tx, Response.OK, null)));
        } else if (Request.BYE.equals(method)) {
            tx.respond(Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST);
        } else if (KNOWN.contains(method)) {
            tx.respond(allow(answer(tx, Response.METHOD_NOT_ALLOWED, null)));
        } else {
            tx.respond(Response.NOT_IMPLEMENTED);
        }
    }

    private void newCall(ServerTransaction<SipMessage> st, SipRequest invite, Caller caller) {
        st.trying();
        if (caller.carrier() != null) {
            inbound.call(st, invite, caller.carrier(), caller.received());
            return;
        }
        String tenant = caller.tenant();
        CallDetail detail = new CallDetail(tenant, uriOf(invite.from()), uriOf(invite.to()), invite.callId(),
                caller.received());
        SipUri uri = invite.requestUri();
        if (uri == null) {
            refuse(st, Response.UNSUPPORTED_URI_SCHEME, detail, "bad_request");
            return;
        }
        if (Hops.outOfHops(invite)) {
            refuse(st, Response.TOO_MANY_HOPS, detail, "bad_request");
            return;
        }
        String digits = digits(uri.user());
        List<Trunk> candidates = new ArrayList<>();
        if (digits != null) {
            RouteTable table = routes; // once: a reload now does not split this INVITE's candidates
            for (RouteCandidate c : table.lookup(tenant, digits)) {
                Trunk t = trunks.get(c.carrierId());
                if (t != null) {
                    candidates.add(t);
                }
            }
        }
        if (candidates.isEmpty()) {
            if (noRouteLog.allow(tenant + "|" + uri.user())) {
                LOG.warn("INVITE from tenant {} to '{}': no route to a carrier with a SIP trunk; answered 404 (logged "
                        + "once a minute per tenant and number)", tenant, uri.user());
            }
            refuse(st, Response.NOT_FOUND, detail, "no_route");
            return;
        }
        admission.admit(tenant, digits, st, TrunkChoice.usable(candidates, System.nanoTime()), detail);
    }

    /** An INVITE from no tenant's and no carrier's address, with no digest realm: one stateless 403, or nothing. */
    private void stranger(SipRequest invite, Hop source, InetAddress from) {
        boolean drop = calls.config.strangers() == SipConfig.Strangers.DROP;
        if (forbiddenLog.allow(String.valueOf(from))) {
            LOG.warn("INVITE from {}: no tenant's sipSources and no carrier hold this address; {} (logged once a "
                    + "minute per address)", from, drop ? "dropped (sip.strangers: drop)" : "answered 403");
        }
        if (drop) {
            calls.metrics.unknown("dropped");
            return;
        }
        calls.metrics.forbidden();
        source.send(calls.layer.codec().encode(hops.statelessAnswer(invite, Response.FORBIDDEN)));
    }

    /** A tenant's call refused by the proxy itself: the answer, and a CDR. */
    private void refuse(ServerTransaction<SipMessage> st, int status, CallDetail detail, String reason) {
        calls.cdrs.add(detail.failed(status, "refused", false));
        calls.metrics.refused(detail.tenant(), reason);
        st.respond(status);
    }

    @Override
    public void onCancel(ServerTransaction<SipMessage> invite, SipMessage cancel) {
        if (invite.appData() instanceof Call call) {
            call.cancelledByCaller();
        } else {
            invite.respond(Response.REQUEST_TERMINATED); // not a call of ours (yet): nothing else to stop
        }
    }

    @Override
    public void onAck(SipMessage ack, Hop source) {
        SipRequest request = (SipRequest) ack;
        if (!hops.isStatelessAck(request)) { // the ACK of a stateless 403/407/503 ends here
            inDialog.ack(request, source);
        }
    }

    @Override
    public void onResponse(ClientTransaction<SipMessage> tx, SipMessage message) {
        SipResponse response = (SipResponse) message;
        Object owner = tx.appData();
        if (owner instanceof Call.Attempt a) {
            a.call.responded(a, response);
        } else if (owner instanceof ServerTransaction<?> st) {
            @SuppressWarnings("unchecked")
            ServerTransaction<SipMessage> relayedFor = (ServerTransaction<SipMessage>) st;
            InDialog.relayed(relayedFor, response);
        } else if (owner instanceof Probe p) {
            p.responded(response.statusCode());
        }
    }

    @Override
    public void onTimeout(ClientTransaction<SipMessage> tx) {
        Object owner = tx.appData();
        if (owner instanceof Call.Attempt a) {
            a.call.transactionTimedOut(a);
        } else if (owner instanceof ServerTransaction<?> st) {
            @SuppressWarnings("unchecked")
            ServerTransaction<SipMessage> relayedFor = (ServerTransaction<SipMessage>) st;
            relayedFor.respond(Response.REQUEST_TIMEOUT);
        } else if (owner instanceof Probe p) {
            p.timedOut();
        }
    }

    /**
     * A response matching no transaction: the answer of a call we relayed, retransmitted after its transaction ended
     * (RFC 3261 section 16.7 step 5), goes on upstream; anything else (say a late 503 from a trunk given up) must not
     * reach the caller and is dropped.
     */
    @Override
    public void onStrayResponse(SipMessage response, Hop source) {
        calls.metrics.stray();
        if (!hops.cameBackThroughUs(response)) {
            return;
        }
        Hop back = calls.dialogs.answerRoute(calls.workerOf(response), response,
                ((SipResponse) response).statusCode());
        if (back != null) {
            response.removeTopVia();
            back.send(calls.layer.codec().encode(response));
        }
    }

    @Override
    public void onUnparsable(Exception reason, Hop source) {
        calls.metrics.malformed();
        if (badLog.allow(String.valueOf(source.peer()))) {
            LOG.warn("SIP from {}: not a message we can read ({}); answered 400 where it could be (logged once a "
                    + "minute per source)", source.peer(), reason.getMessage());
        }
    }

    /**
     * The gateway begins to stop: from now on a new INVITE (tenant's or carrier's) is answered 503 with Retry-After,
     * statelessly, so the caller tries again later or elsewhere; calls being set up and calls up go on.
     */
    public void stopIntake() {
        stopping = true;
    }

    /** Calls still up end now, each with its CDR. */
    public void close() {
        prober.close();
        try {
            calls.shutDownAll();
            calls.dialogs.endAll("shutdown");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A response to the transaction's request, with the transaction's To tag for a final one. */
    static SipResponse answer(ServerTransaction<SipMessage> tx, int status, String reason) {
        return SipResponses.create((SipRequest) tx.request(), status, reason,
                status == Response.TRYING ? null : tx.toTag());
    }

    static SipResponse retryAfter(SipResponse r) {
        r.addHeader(RetryAfterHeader.NAME, Integer.toString(RETRY_AFTER_SECONDS));
        return r;
    }

    private static SipResponse allow(SipResponse r) {
        r.addHeader(AllowHeader.NAME, ALLOWED);
        return r;
    }

    private static boolean hasToTag(SipRequest request) {
        return request.to() != null && request.to().tag() != null;
    }

    private static String uriOf(io.edgegw.sipstack.message.NameAddr a) {
        return a == null ? "" : a.uri();
    }

    /** Digits of a dialled number, a leading + dropped; null if it is not a number. */
    static String digits(String user) {
        if (user == null) {
            return null;
        }
        String s = user.startsWith("+") ? user.substring(1) : user;
        int semicolon = s.indexOf(';'); // user parameters, e.g. ;npdi
        if (semicolon >= 0) {
            s = s.substring(0, semicolon);
        }
        if (s.isEmpty() || !s.chars().allMatch(ch -> ch >= '0' && ch <= '9')) {
            return null;
        }
        return s;
    }
}
