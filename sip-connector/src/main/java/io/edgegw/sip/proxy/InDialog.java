package io.edgegw.sip.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.URI;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;

/**
 * Requests within a dialog (ACK for a 2xx, BYE, re-INVITE, ...), relayed only for calls that passed through this
 * proxy: their Route names us with the token our Record-Route signed for their Call-ID, or (for user agents that
 * ignore Record-Route) they are addressed to us and their Call-ID is an answered call we know. Anything else is
 * answered 403 (an ACK dropped): the proxy is not an open relay.
 */
final class InDialog {
    private static final Logger LOG = LoggerFactory.getLogger(InDialog.class);

    private enum Verdict { RELAY, FORGED, NOT_ROUTED }

    private final Calls calls;
    private final Hops hops;
    private final OncePerMinute forgedLog = new OncePerMinute();
    private final Counter forged;
    private final Counter notRouted;

    InDialog(Calls calls, MeterRegistry registry) {
        this.calls = calls;
        this.hops = calls.hops;
        this.forged = refusedCounter(registry, "bad_token");
        this.notRouted = refusedCounter(registry, "not_routed");
    }

    private static Counter refusedCounter(MeterRegistry registry, String reason) {
        return Counter.builder("edge_sip_in_dialog_refused").tag("reason", reason)
                .description("In-dialog requests not relayed: 403, or an ACK dropped").register(registry);
    }

    /** ACK for a 2xx (the stack absorbs the others): passed on statelessly along its Route set. */
    void ack(Request ack) throws Exception {
        if (!allowed(ack, "dropped")) {
            return;
        }
        if (Hops.outOfHops(ack)) {
            return;
        }
        calls.provider.sendRequest(hops.onward(ack, Hops.derivedBranch(Proxy.branchOf(ack))));
    }

    /** BYE, re-INVITE and other requests within a dialog we record-routed: relayed statefully. */
    void forward(ServerTransaction st, Request request) throws Exception {
        if (!allowed(request, "answered 403")) {
            st.sendResponse(hops.answer(request, Response.FORBIDDEN));
            return;
        }
        if (Request.BYE.equals(request.getMethod())) {
            calls.dialogs.ended(request);
        }
        if (Hops.outOfHops(request)) {
            st.sendResponse(hops.answer(request, Response.TOO_MANY_HOPS));
            return;
        }
        ClientTransaction ct = calls.provider.getNewClientTransaction(hops.onward(request, Hops.newBranch()));
        ct.setApplicationData(new Relay(st, hops));
        ct.sendRequest();
    }

    /** Routes the request onward (our Route off, or the other side's Contact); false, counted and logged, if not ours. */
    private boolean allowed(Request request, String action) throws Exception {
        Verdict v = route(request);
        if (v == Verdict.RELAY) {
            return true;
        }
        if (v == Verdict.FORGED) {
            forged.increment();
            String source = String.valueOf(Proxy.source(request));
            if (forgedLog.allow(source)) {
                LOG.warn("{} from {}: its Route names this proxy without the token of its Call-ID (not a call "
                        + "record-routed here, or signed with another sip.routeSecret); {} (logged once a minute per "
                        + "address)", request.getMethod(), source, action);
            }
        } else {
            notRouted.increment();
            LOG.debug("{} from {}: not routed through this proxy and no call known for its Call-ID; {}",
                    request.getMethod(), Proxy.source(request), action);
        }
        return false;
    }

    /**
     * Takes our Route off (RFC 3261 section 16.4); a request with no Route left that is addressed to us comes from a
     * user agent that ignored our Record-Route, and goes to the other side of its call if we know the call.
     */
    private Verdict route(Request request) throws Exception {
        Hops.OwnRoute own = hops.removeOwnRoute(request);
        if (own == Hops.OwnRoute.FORGED) {
            return Verdict.FORGED;
        }
        if (request.getHeader(RouteHeader.NAME) == null && hops.isOurs(request.getRequestURI())) {
            URI other = calls.dialogs.otherSide(request);
            if (other == null) {
                return Verdict.NOT_ROUTED;
            }
            request.setRequestURI(other);
            return Verdict.RELAY;
        }
        return own == Hops.OwnRoute.SIGNED ? Verdict.RELAY : Verdict.NOT_ROUTED;
    }
}
