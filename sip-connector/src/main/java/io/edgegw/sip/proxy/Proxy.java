package io.edgegw.sip.proxy;

import io.edgegw.core.config.CarrierConfig;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.RouteCandidate;
import io.edgegw.core.config.SipConfig;
import io.edgegw.core.route.RouteTable;
import io.edgegw.sip.cdr.CallDetail;
import io.edgegw.sip.cdr.CdrWriter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.PeerUnavailableException;
import javax.sip.ServerTransaction;
import javax.sip.SipFactory;
import javax.sip.SipProvider;
import javax.sip.SipListener;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionAlreadyExistsException;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.address.SipURI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.ViaHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;

/**
 * A stateful, record-routing proxy (RFC 3261 section 16) between tenants and carrier trunks. A tenant's new INVITE
 * is admitted by its source address, routed by the digits of its Request-URI, and tried on the route's trunks one
 * after the other; everything in the dialog after that follows the Route set. Runs on JAIN-SIP's threads and never
 * blocks them: sending is a transaction's job, waiting is a timer's.
 */
public final class Proxy implements SipListener {
    private static final Logger LOG = LoggerFactory.getLogger(Proxy.class);

    /** What this proxy handles out of dialog, for Allow. */
    static final List<String> ALLOWED = List.of(Request.INVITE, Request.ACK, Request.BYE, Request.CANCEL, Request.OPTIONS);
    /** Methods it knows but does not take out of dialog: 405; anything else is 501 (RFC 3261 section 8.2.1). */
    private static final Set<String> KNOWN = Set.of(Request.REGISTER, Request.SUBSCRIBE, Request.NOTIFY,
            Request.MESSAGE, Request.INFO, Request.UPDATE, Request.PRACK, Request.REFER, Request.PUBLISH);

    private final Calls calls;
    private final Hops hops;
    private final TenantSources tenants;
    private final Inbound inbound;
    private final ProxyAuth auth;
    private final InDialog inDialog;
    private final RouteTable routes;
    private final Map<String, Trunk> trunks = new HashMap<>();
    private final Admission admission;
    private final OncePerMinute forbiddenLog = new OncePerMinute();
    private final OncePerMinute noRouteLog = new OncePerMinute();
    private final Prober prober;
    private final ScanGuard scanGuard;

    Proxy(Calls calls, GatewayConfig config, MeterRegistry registry) {
        this.calls = calls;
        this.hops = calls.hops;
        this.tenants = new TenantSources(config.tenants() == null ? List.of() : config.tenants());
        this.routes = new RouteTable(config.routes() == null ? List.of() : config.routes());
        this.admission = new Admission(calls, config.tenants() == null ? List.of() : config.tenants());
        for (CarrierConfig c : config.carriers() == null ? List.<CarrierConfig>of() : config.carriers()) {
            if (c.sip() == null) {
                continue;
            }
            if (!c.sip().transport().equals(hops.transport)) {
                LOG.warn("carrier {}: its SIP trunk is {} but the proxy listens on {}; it gets no calls yet", c.id(),
                        c.sip().transport(), hops.transport);
                continue;
            }
            trunks.put(c.id(), new Trunk(c.id(), c.sip(), config.quality()));
        }
        calls.metrics = new SipMetrics(registry, admission.limits(), trunks, Inbound.metrics(registry, config));
        this.inbound = new Inbound(calls, config, admission.limits());
        this.auth = new ProxyAuth(calls, config.tenants() == null ? List.of() : config.tenants());
        this.inDialog = new InDialog(calls, registry);
        TrunkMeters.register(registry, trunks.values());
        prober = new Prober(calls, trunks.values());
        scanGuard = ScanGuard.install(calls, calls.provider.getSipStack(), registry);
    }

    /** The proxy for a provider listening on {@code host:port} over {@code transport}; timers run on {@code timer}. */
    public static Proxy create(SipFactory factory, SipProvider provider, String host, int port, String transport,
                               ScheduledExecutorService timer, GatewayConfig config, MeterRegistry registry,
                               CdrWriter cdrs) throws PeerUnavailableException {
        Hops hops = new Hops(factory.createAddressFactory(), factory.createHeaderFactory(),
                factory.createMessageFactory(), host, port, transport, new RouteToken(config.sip().routeSecret()));
        return new Proxy(new Calls(provider, hops, timer, config.sip(), cdrs), config, registry);
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

    /** Starts the trunks' OPTIONS probing; call once the stack runs. */
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

    @Override
    public void processRequest(RequestEvent event) {
        Request request = event.getRequest();
        try {
            String method = request.getMethod();
            if (Request.ACK.equals(method)) {
                if (!hops.isStatelessAck(request)) { // the ACK of a stateless 403/407 ends there
                    inDialog.ack(request);
                }
            } else if (Request.CANCEL.equals(method)) {
                cancel(event);
            } else if (inDialog(request)) {
                ServerTransaction st = serverTransaction(event);
                if (st != null) { // else a retransmission: its transaction answers it
                    inDialog.forward(st, request);
                }
            } else if (Request.INVITE.equals(method)) {
                newCall(event);
            } else if (Request.OPTIONS.equals(method)) {
                Response ok = hops.answer(request, Response.OK);
                allow(ok);
                reply(event, ok);
            } else if (Request.BYE.equals(method)) {
                reply(event, hops.answer(request, Response.CALL_OR_TRANSACTION_DOES_NOT_EXIST));
            } else if (KNOWN.contains(method)) {
                Response r = hops.answer(request, Response.METHOD_NOT_ALLOWED);
                allow(r);
                reply(event, r);
            } else {
                reply(event, hops.answer(request, Response.NOT_IMPLEMENTED));
            }
        } catch (Exception e) { // never let one bad message reach the stack's thread
            LOG.warn("{} from {}: not handled: {}", request.getMethod(), source(request), e.toString());
        }
    }

    /**
     * Whose call is it, decided before the proxy keeps anything: a stranger's INVITE (no carrier's, no tenant's
     * address, no right credentials) is answered without a transaction or dropped, so a spoofed source draws at most
     * one small datagram per INVITE and costs no memory. Only a known caller gets a transaction and 100 Trying.
     */
    private void newCall(RequestEvent event) throws Exception {
        Request invite = event.getRequest();
        Instant received = Instant.now();
        String carrier = inbound.carrierOf(invite); // carriers first: see CarrierSources
        InetAddress from = source(invite);
        String tenant = carrier == null ? tenants.tenantOf(from) : null;
        if (carrier == null && tenant == null) {
            if (!auth.enabled()) {
                stranger(invite, from);
                return;
            }
            tenant = auth.authorize(invite, from);
            if (tenant == null) {
                return; // answered 407 (a challenge) or 403, statelessly
            }
        }
        ServerTransaction st = serverTransaction(event);
        if (st == null) {
            return; // a retransmission: its transaction answers it
        }
        st.sendResponse(hops.answer(invite, Response.TRYING));
        if (carrier != null) {
            inbound.call(st, invite, carrier, received);
            return;
        }
        CallDetail detail = new CallDetail(tenant,
                String.valueOf(((FromHeader) invite.getHeader(FromHeader.NAME)).getAddress().getURI()),
                String.valueOf(((ToHeader) invite.getHeader(ToHeader.NAME)).getAddress().getURI()),
                ((CallIdHeader) invite.getHeader(CallIdHeader.NAME)).getCallId(), received);
        if (!(invite.getRequestURI() instanceof SipURI uri)) {
            refuse(st, hops.answer(invite, Response.UNSUPPORTED_URI_SCHEME), detail, "bad_request");
            return;
        }
        if (Hops.outOfHops(invite)) {
            refuse(st, hops.answer(invite, Response.TOO_MANY_HOPS), detail, "bad_request");
            return;
        }
        String digits = digits(uri.getUser());
        List<Trunk> candidates = new ArrayList<>();
        if (digits != null) {
            for (RouteCandidate c : routes.lookup(tenant, digits)) {
                Trunk t = trunks.get(c.carrierId());
                if (t != null) {
                    candidates.add(t);
                }
            }
        }
        if (candidates.isEmpty()) {
            if (noRouteLog.allow(tenant + "|" + uri.getUser())) {
                LOG.warn("INVITE from tenant {} to '{}': no route to a carrier with a SIP trunk; answered 404 (logged "
                        + "once a minute per tenant and number)", tenant, uri.getUser());
            }
            refuse(st, hops.answer(invite, Response.NOT_FOUND), detail, "no_route");
            return;
        }
        admission.admit(tenant, branchOf(invite), digits, st, invite, TrunkChoice.usable(candidates, System.nanoTime()),
                detail);
    }

    /** An INVITE from no tenant's and no carrier's address, with no digest realm: one stateless 403, or nothing. */
    private void stranger(Request invite, InetAddress from) throws Exception {
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
        calls.provider.sendResponse(hops.statelessAnswer(invite, Response.FORBIDDEN));
    }

    /** A tenant's call refused by the proxy itself: the answer, and a CDR. */
    private void refuse(ServerTransaction st, Response r, CallDetail detail, String reason) throws Exception {
        calls.cdrs.add(detail.failed(r.getStatusCode(), "refused", false));
        calls.metrics.refused(detail.tenant(), reason);
        st.sendResponse(r);
    }

    /** Calls still up end now, each with its CDR. */
    public void close() {
        prober.close();
        try {
            calls.shutDownAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        calls.dialogs.endAll("shutdown");
    }

    private void cancel(RequestEvent event) throws Exception {
        ServerTransaction st = serverTransaction(event);
        if (st != null) { // only CANCELs without RFC 3261's branch come here; ScanGuard answers the others
            calls.cancel(event.getRequest(), st::sendResponse);
        }
    }

    @Override
    public void processResponse(ResponseEvent event) {
        Response response = event.getResponse();
        ClientTransaction ct = event.getClientTransaction();
        try {
            Object owner = ct == null ? null : ct.getApplicationData();
            if (owner instanceof Call.Attempt a) {
                a.call.responded(a, response);
            } else if (owner instanceof Relay r) {
                r.responded(response);
            } else if (owner instanceof Probe p) {
                p.responded(response);
            } else if (ct == null) {
                calls.stray(response); // only with a branch without RFC 3261's cookie: ScanGuard takes the others
            }
        } catch (Exception e) {
            LOG.warn("response {} not handled: {}", response.getStatusCode(), e.toString());
        }
    }

    @Override
    public void processTimeout(TimeoutEvent event) {
        if (event.isServerTransaction()) {
            return;
        }
        Object owner = event.getClientTransaction().getApplicationData();
        if (owner instanceof Call.Attempt a) {
            a.call.transactionTimedOut(a);
        } else if (owner instanceof Relay r) {
            r.timedOut();
        } else if (owner instanceof Probe p) {
            p.timedOut();
        }
    }

    @Override
    public void processIOException(IOExceptionEvent event) {
        LOG.debug("SIP I/O error toward {}:{} ({})", event.getHost(), event.getPort(), event.getTransport());
    }

    @Override
    public void processTransactionTerminated(TransactionTerminatedEvent event) {
    }

    @Override
    public void processDialogTerminated(DialogTerminatedEvent event) {
    }

    private ServerTransaction serverTransaction(RequestEvent event) throws Exception {
        if (event.getServerTransaction() != null) {
            return event.getServerTransaction();
        }
        try {
            return calls.provider.getNewServerTransaction(event.getRequest());
        } catch (TransactionAlreadyExistsException retransmission) {
            return null;
        }
    }

    private void reply(RequestEvent event, Response response) throws Exception {
        ServerTransaction st = serverTransaction(event);
        if (st != null) {
            st.sendResponse(response);
        }
    }

    private void allow(Response r) throws Exception {
        for (String m : ALLOWED) {
            r.addHeader(hops.headers.createAllowHeader(m));
        }
    }

    private static boolean inDialog(Request request) {
        ToHeader to = (ToHeader) request.getHeader(ToHeader.NAME);
        return to != null && to.getTag() != null;
    }

    static String branchOf(Request request) {
        ViaHeader via = (ViaHeader) request.getHeader(ViaHeader.NAME);
        return via == null || via.getBranch() == null ? "" : via.getBranch();
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

    static InetAddress source(Request request) {
        return Hops.sourceOf(request);
    }
}
