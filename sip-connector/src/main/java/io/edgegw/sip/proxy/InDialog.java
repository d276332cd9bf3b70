package io.edgegw.sip.proxy;

import io.edgegw.core.log.OncePerMinute;
import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.transaction.ClientTransaction;
import io.edgegw.sipstack.transaction.Hop;
import io.edgegw.sipstack.transaction.ServerTransaction;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;

/**
 * Requests within a dialog (ACK for a 2xx, BYE, re-INVITE, ...), relayed only within a live call that passed through
 * this proxy: their Route names us with the token our Record-Route signed for their Call-ID (or, from user agents that
 * ignore Record-Route, they are addressed to us), their Call-ID and tags are a call still up ({@link Dialogs}), they
 * come from the address of the side they claim to be, and they go to the other side's own target whatever their
 * Request-URI says. Anything else is answered 403 (an ACK dropped): the proxy is not an open relay, and a token seen
 * once is not a ticket to the trunks. Runs on the request's worker.
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

    /** ACK for a 2xx (the layer absorbs the others): passed on statelessly toward the other side. */
    void ack(SipRequest ack, Hop source) {
        Dialogs.Onward onward = allowed(ack, source, "dropped");
        if (onward == null || Hops.outOfHops(ack)) {
            return;
        }
        hops.onward(ack, onward.next().transport(), Hops.derivedBranch(ack.topVia().branch()));
        calls.transportHops.toward(onward.next()).send(calls.layer.codec().encode(ack));
    }

    /** BYE, re-INVITE and other requests within a dialog we record-routed: relayed statefully. */
    void forward(ServerTransaction<SipMessage> st) {
        SipRequest request = Hops.copy((SipRequest) st.request());
        Dialogs.Onward onward = allowed(request, st.hop(), "answered 403");
        if (onward == null) {
            st.respond(Response.FORBIDDEN);
            return;
        }
        if (Request.BYE.equals(request.method())) {
            calls.dialogs.ended(calls.workerOf(request), request.callId(), request.from().tag());
        }
        if (Hops.outOfHops(request)) {
            st.respond(Response.TOO_MANY_HOPS);
            return;
        }
        hops.onward(request, onward.next().transport(), SipIds.branch());
        ClientTransaction<SipMessage> ct = calls.layer.send(request, calls.transportHops.toward(onward.next()))
                .orElse(null);
        if (ct == null) {
            st.respond(Response.SERVICE_UNAVAILABLE); // the client table is full
            return;
        }
        ct.appData(st);
    }

    /** A response to a relayed request: back through the caller's transaction (100 is hop by hop). */
    static void relayed(ServerTransaction<SipMessage> st, SipResponse response) {
        if (response.statusCode() == Response.TRYING) {
            return;
        }
        response.removeTopVia();
        st.respond(response);
    }

    /**
     * Routes the request onward, to the other side of its live call (Request-URI and Route set rewritten), or refuses
     * it (null): counted, and logged once a minute per source address (a forgery or a replay is worth a warning; a
     * stray request to no call of ours is not).
     */
    private Dialogs.Onward allowed(SipRequest request, Hop from, String action) {
        InetAddress source = from.peer() == null ? null : from.peer().address().getAddress();
        Hops.OwnRoute own = hops.removeOwnRoutes(request);
        if (own == Hops.OwnRoute.FORGED) {
            forged.increment();
            if (forgedLog.allow(String.valueOf(source))) {
                LOG.warn("{} from {}: its Route names this proxy without the token of its Call-ID (not a call "
                        + "record-routed here, or signed with another sip.routeSecret); {} (logged once a minute per "
                        + "address)", request.method(), source, action);
            }
            return null;
        }
        // a user agent that ignored our Record-Route sends to our own address with no Route left: ours all the same
        boolean toUs = own == Hops.OwnRoute.SIGNED
                || (request.routes().isEmpty() && hops.isOurs(request.requestUri()));
        if (!toUs) {
            notRouted.increment();
            LOG.debug("{} from {}: not routed through this proxy and not addressed to it; {}", request.method(),
                    source, action);
            return null;
        }
        NameAddr fromAddr = request.from();
        NameAddr toAddr = request.to();
        Dialogs.Onward onward = calls.dialogs.route(calls.workerOf(request), request.callId(),
                fromAddr == null ? null : fromAddr.tag(), toAddr == null ? null : toAddr.tag(), source,
                request.cseq().number(), Request.ACK.equals(request.method()));
        if (onward.refusal() != null) {
            boolean none = onward.refusal() == Dialogs.Refusal.NO_DIALOG;
            (none ? noDialog : notParty).increment();
            if (refusedLog.allow(String.valueOf(source))) {
                LOG.warn("{} from {} (Call-ID {}, tenant {}): {}; {} (logged once a minute per address)",
                        request.method(), source, request.callId(),
                        onward.tenant() == null ? "unknown" : onward.tenant(), none
                                ? "no call is up with this Call-ID and these tags (ended, or never was)"
                                : "the call is up but this address is neither of its two sides", action);
            }
            return null;
        }
        // the Request-URI and the Route set are the dialog's, not the sender's choice
        request.setRequestUri(onward.target());
        request.removeHeader(RouteHeader.NAME);
        for (NameAddr a : onward.routeBeyond()) {
            request.addHeader(RouteHeader.NAME, a.toString());
        }
        return onward;
    }
}
