package io.edgegw.sip.proxy;

import io.edgegw.core.config.SipTrunkConfig;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CallIdHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.TooManyHopsException;
import javax.sip.header.ViaHeader;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.text.ParseException;
import java.util.ListIterator;
import java.util.UUID;

/**
 * What a proxy does to a message on its way through (RFC 3261 section 16.6): its own Via and Record-Route on
 * requests, Max-Forwards counted down, its own Route and Via taken off again. Knows the proxy's own address.
 */
final class Hops {
    /** RFC 3261 section 8.1.1.7: branches of RFC 3261 elements start with this cookie. */
    private static final String MAGIC_COOKIE = "z9hG4bK";
    private static final int DEFAULT_MAX_FORWARDS = 70;
    private static final int DEFAULT_SIP_PORT = 5060;

    final AddressFactory addresses;
    final HeaderFactory headers;
    final MessageFactory messages;
    final String host;
    final int port;
    final String transport;
    /** Signs our Record-Route for each call, so only its own dialog's requests are relayed (see {@link InDialog}). */
    final RouteToken routeToken;

    Hops(AddressFactory addresses, HeaderFactory headers, MessageFactory messages, String host, int port,
         String transport, RouteToken routeToken) {
        this.routeToken = routeToken;
        this.addresses = addresses;
        this.headers = headers;
        this.messages = messages;
        this.host = host;
        this.port = port;
        this.transport = transport;
    }

    /** The initial INVITE as sent to a trunk: Request-URI host and port of the trunk, no Route, our Via and Record-Route. */
    Request toTrunk(Request invite, SipTrunkConfig trunk) throws ParseException, SipException, InvalidArgumentException {
        Request out = (Request) invite.clone();
        SipURI uri = (SipURI) out.getRequestURI();
        uri.setHost(trunk.host());
        uri.setPort(trunk.port());
        if ("tcp".equals(trunk.transport())) {
            uri.setTransportParam("tcp");
        } else {
            uri.removeParameter("transport");
        }
        out.removeHeader(RouteHeader.NAME); // the gateway chooses the path to a carrier, not the tenant
        countDown(out);
        SipURI rr = ownUri();
        rr.setLrParam();
        rr.setParameter(RouteToken.PARAM, routeToken.sign(((CallIdHeader) out.getHeader(CallIdHeader.NAME)).getCallId()));
        out.addFirst(headers.createRecordRouteHeader(addresses.createAddress(rr)));
        out.addFirst(headers.createViaHeader(host, port, transport, newBranch()));
        return out;
    }

    /** An in-dialog request passed on along its Route set (our own Route already taken off). */
    Request onward(Request in, String branch) throws ParseException, SipException, InvalidArgumentException {
        Request out = (Request) in.clone();
        countDown(out);
        out.addFirst(headers.createViaHeader(host, port, transport, branch));
        return out;
    }

    /** @throws TooManyHopsException when Max-Forwards is already 0 (answer 483) */
    private void countDown(Request out) throws InvalidArgumentException, TooManyHopsException {
        MaxForwardsHeader mf = (MaxForwardsHeader) out.getHeader(MaxForwardsHeader.NAME);
        if (mf == null) {
            out.setHeader(headers.createMaxForwardsHeader(DEFAULT_MAX_FORWARDS - 1));
        } else {
            mf.decrementMaxForwards();
        }
    }

    /** True when Max-Forwards would not allow one more hop. */
    static boolean outOfHops(Request in) {
        MaxForwardsHeader mf = (MaxForwardsHeader) in.getHeader(MaxForwardsHeader.NAME);
        return mf != null && mf.getMaxForwards() <= 0;
    }

    /** What the topmost Route says about this proxy. */
    enum OwnRoute {
        /** It does not name this proxy (or there is none). */
        NONE,
        /** It names this proxy with the token of the request's Call-ID: taken off. */
        SIGNED,
        /** It names this proxy without a valid token: a request that did not come from a call through us. */
        FORGED
    }

    /**
     * Takes off the topmost Route when it names this proxy (RFC 3261 section 16.4) and carries the token our
     * Record-Route gave the request's Call-ID; one naming us without it is left on and reported {@code FORGED}.
     */
    OwnRoute removeOwnRoute(Request in) {
        ListIterator<?> routes = in.getHeaders(RouteHeader.NAME);
        if (routes == null || !routes.hasNext()) {
            return OwnRoute.NONE;
        }
        RouteHeader top = (RouteHeader) routes.next();
        URI uri = top.getAddress().getURI();
        if (!isOurs(uri)) {
            return OwnRoute.NONE;
        }
        CallIdHeader callId = (CallIdHeader) in.getHeader(CallIdHeader.NAME);
        if (callId == null || !routeToken.valid(callId.getCallId(), ((SipURI) uri).getParameter(RouteToken.PARAM))) {
            return OwnRoute.FORGED;
        }
        in.removeFirst(RouteHeader.NAME);
        return OwnRoute.SIGNED;
    }

    boolean isOurs(URI uri) {
        if (!(uri instanceof SipURI sip)) {
            return false;
        }
        int p = sip.getPort() < 0 ? DEFAULT_SIP_PORT : sip.getPort();
        return host.equalsIgnoreCase(sip.getHost()) && p == port;
    }

    /** True when the response's topmost Via is ours and another one follows it, i.e. it is ours to pass on. */
    boolean cameBackThroughUs(Response response) {
        ListIterator<?> vias = response.getHeaders(ViaHeader.NAME);
        if (vias == null || !vias.hasNext()) {
            return false;
        }
        ViaHeader top = (ViaHeader) vias.next();
        int p = top.getPort() < 0 ? DEFAULT_SIP_PORT : top.getPort();
        return host.equalsIgnoreCase(top.getHost()) && p == port && vias.hasNext();
    }

    /** A response from downstream, ready for the way up: our Via taken off. */
    static Response upstream(Response fromDownstream) {
        Response up = (Response) fromDownstream.clone();
        up.removeFirst(ViaHeader.NAME);
        return up;
    }

    /** Our own answer to a request; a final one gets a To tag (RFC 3261 section 8.2.6.2). */
    Response answer(Request request, int status) throws ParseException {
        Response r = messages.createResponse(status, request);
        ToHeader to = (ToHeader) r.getHeader(ToHeader.NAME);
        if (status > Response.TRYING && to.getTag() == null) {
            to.setTag(Long.toHexString(UUID.randomUUID().getMostSignificantBits()));
        }
        return r;
    }

    static String newBranch() {
        return MAGIC_COOKIE + UUID.randomUUID().toString().replace("-", "");
    }

    /** The same incoming branch always gives the same outgoing one, so a stateless retransmission matches. */
    static String derivedBranch(String incoming) {
        return MAGIC_COOKIE + "-sl" + Integer.toHexString(String.valueOf(incoming).hashCode());
    }

    private SipURI ownUri() throws ParseException {
        SipURI uri = addresses.createSipURI(null, host);
        uri.setPort(port);
        if ("tcp".equals(transport)) {
            uri.setTransportParam("tcp");
        }
        return uri;
    }
}
