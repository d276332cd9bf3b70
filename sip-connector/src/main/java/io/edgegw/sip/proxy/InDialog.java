package io.edgegw.sip.proxy;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.ClientTransaction;
import javax.sip.ServerTransaction;
import javax.sip.address.Address;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;

/**
 * Requests within a dialog (ACK for a 2xx, BYE, re-INVITE, ...), relayed only within a live call that passed through
 * this proxy: their Route names us with the token our Record-Route signed for their Call-ID (or, from user agents that
 * ignore Record-Route, they are addressed to us), their Call-ID and tags are a call still up ({@link Dialogs}), they
 * come from the address of the side they claim to be, and they go to the other side's own target whatever their
 * Request-URI says. Anything else is answered 403 (an ACK dropped): the proxy is not an open relay, and a token seen
 * once is not a ticket to the trunks.
 */
final class InDialog {
    private static final Logger LOG = LoggerFactory.getLogger(InDialog.class);

    private final Calls calls;
    private final Hops hops;
    private final OncePerMinute forgedLog = new OncePerMinute();
    private final OncePerMinute refusedLog = new OncePerMinute();
    private final Counter forged;
    private final Counter notRouted;
    private final Counter noDialog;
    private final Counter notParty;

    InDialog(Calls calls, MeterRegistry registry) {
        this.calls = calls;
        this.hops = calls.hops;
        this.forged = refusedCounter(registry, "bad_token");
        this.notRouted = refusedCounter(registry, "not_routed");
        this.noDialog = refusedCounter(registry, "no_dialog");
        this.notParty = refusedCounter(registry, "not_party");
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

    /**
     * Routes the request onward, to the other side of its live call, or refuses it: counted, and logged once a minute
     * per source address (a forgery or a replay is worth a warning; a stray request to no call of ours is not).
     */
    private boolean allowed(Request request, String action) throws Exception {
        InetAddress source = Proxy.source(request);
        Hops.OwnRoute own = hops.removeOwnRoute(request);
        if (own == Hops.OwnRoute.FORGED) {
            forged.increment();
            if (forgedLog.allow(String.valueOf(source))) {
                LOG.warn("{} from {}: its Route names this proxy without the token of its Call-ID (not a call "
                        + "record-routed here, or signed with another sip.routeSecret); {} (logged once a minute per "
                        + "address)", request.getMethod(), source, action);
            }
            return false;
        }
        // a user agent that ignored our Record-Route sends to our own address with no Route left: ours all the same
        boolean toUs = own == Hops.OwnRoute.SIGNED
                || (request.getHeader(RouteHeader.NAME) == null && hops.isOurs(request.getRequestURI()));
        if (!toUs) {
            notRouted.increment();
            LOG.debug("{} from {}: not routed through this proxy and not addressed to it; {}", request.getMethod(),
                    source, action);
            return false;
        }
        CSeqHeader cseq = (CSeqHeader) request.getHeader(CSeqHeader.NAME);
        Dialogs.Onward onward = calls.dialogs.route(callId(request),
                ((FromHeader) request.getHeader(FromHeader.NAME)).getTag(),
                ((ToHeader) request.getHeader(ToHeader.NAME)).getTag(), source,
                cseq == null ? 0 : cseq.getSeqNumber(), Request.ACK.equals(request.getMethod()));
        if (onward.refusal() != null) {
            boolean noDialog = onward.refusal() == Dialogs.Refusal.NO_DIALOG;
            (noDialog ? this.noDialog : notParty).increment();
            if (refusedLog.allow(String.valueOf(source))) {
                LOG.warn("{} from {} (Call-ID {}, tenant {}): {}; {} (logged once a minute per address)",
                        request.getMethod(), source, callId(request),
                        onward.tenant() == null ? "unknown" : onward.tenant(), noDialog
                                ? "no call is up with this Call-ID and these tags (ended, or never was)"
                                : "the call is up but this address is neither of its two sides", action);
            }
            return false;
        }
        // the Request-URI and the Route set are the dialog's, not the sender's choice
        request.setRequestURI(onward.target());
        request.removeHeader(RouteHeader.NAME);
        for (Address a : onward.routeBeyond()) {
            request.addHeader(hops.headers.createRouteHeader(a));
        }
        return true;
    }

    private static String callId(Request request) {
        CallIdHeader h = (CallIdHeader) request.getHeader(CallIdHeader.NAME);
        return h == null ? null : h.getCallId();
    }
}
