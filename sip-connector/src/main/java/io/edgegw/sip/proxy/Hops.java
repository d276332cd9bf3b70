package io.edgegw.sip.proxy;

import io.edgegw.core.config.SipTrunkConfig;

import gov.nist.javax.sip.message.SIPMessage;

import javax.sip.InvalidArgumentException;
import javax.sip.SipException;
import javax.sip.address.Address;
import javax.sip.address.AddressFactory;
import javax.sip.address.SipURI;
import javax.sip.address.URI;
import javax.sip.header.CSeqHeader;
import javax.sip.header.CallIdHeader;
import javax.sip.header.ContactHeader;
import javax.sip.header.FromHeader;
import javax.sip.header.HeaderFactory;
import javax.sip.header.MaxForwardsHeader;
import javax.sip.header.RecordRouteHeader;
import javax.sip.header.RouteHeader;
import javax.sip.header.ToHeader;
import javax.sip.header.TooManyHopsException;
import javax.sip.header.ViaHeader;
import javax.sip.message.Message;
import javax.sip.message.MessageFactory;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.InetAddress;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
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
    /** The To tag of every stateless answer of this process. */
    private final String statelessTag = "sl-" + Long.toHexString(UUID.randomUUID().getMostSignificantBits());

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

    /**
     * The caller's side of a call answered {@code ok}: the INVITE's From tag, source, Contact (else its source
     * address) and CSeq; the proxies between us and it are the 2xx's Record-Routes below ours.
     */
    Party caller(Request invite, Response ok) {
        InetAddress from = sourceOf(invite);
        URI target = contactOf(invite);
        if (target == null && from != null) {
            try {
                SipURI u = addresses.createSipURI(null, from.getHostAddress());
                u.setPort(sourcePortOf(invite));
                target = u;
            } catch (ParseException e) {
                target = null; // no way back to the caller: requests toward it are refused
            }
        }
        List<Address> beyond = new ArrayList<>();
        boolean pastUs = false;
        for (ListIterator<?> it = recordRoutes(ok); it.hasNext(); ) {
            Address a = ((RecordRouteHeader) it.next()).getAddress();
            if (pastUs) {
                beyond.add(a);
            } else {
                pastUs = isOurs(a.getURI());
            }
        }
        return new Party(((FromHeader) invite.getHeader(FromHeader.NAME)).getTag(), from, target, beyond,
                ((CSeqHeader) invite.getHeader(CSeqHeader.NAME)).getSeqNumber());
    }

    /**
     * The callee's side: the 2xx's To tag, source and Contact (else the trunk the INVITE was {@code sent} to); the
     * proxies between us and it are the 2xx's Record-Routes above ours, nearest first. It has sent no request yet.
     */
    Party callee(Request sent, Response ok) {
        URI target = contactOf(ok);
        List<Address> beyond = new ArrayList<>();
        for (ListIterator<?> it = recordRoutes(ok); it.hasNext(); ) {
            Address a = ((RecordRouteHeader) it.next()).getAddress();
            if (isOurs(a.getURI())) {
                break;
            }
            beyond.add(0, a);
        }
        return new Party(((ToHeader) ok.getHeader(ToHeader.NAME)).getTag(), sourceOf(ok),
                target == null ? (URI) sent.getRequestURI().clone() : target, beyond, 0);
    }

    /** The address a message came from (the packet's, not what its headers claim). */
    static InetAddress sourceOf(Message m) {
        if (m instanceof SIPMessage s) {
            return s.getPeerPacketSourceAddress() != null ? s.getPeerPacketSourceAddress() : s.getRemoteAddress();
        }
        return null;
    }

    private static int sourcePortOf(Message m) {
        if (m instanceof SIPMessage s) {
            return s.getPeerPacketSourceAddress() != null ? s.getPeerPacketSourcePort() : s.getRemotePort();
        }
        return -1;
    }

    private static URI contactOf(Message m) {
        ContactHeader c = (ContactHeader) m.getHeader(ContactHeader.NAME);
        return c == null || c.getAddress() == null ? null : (URI) c.getAddress().getURI().clone();
    }

    private static ListIterator<?> recordRoutes(Response ok) {
        ListIterator<?> it = ok.getHeaders(RecordRouteHeader.NAME);
        return it == null ? List.of().listIterator() : it;
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

    /**
     * An answer sent without a transaction (to strangers and refused credentials): one datagram, never retransmitted.
     * Its To tag is the same for all, so the ACK it draws is recognised and absorbed ({@link #isStatelessAck}), as
     * Kamailio's sl module does.
     */
    Response statelessAnswer(Request request, int status) throws ParseException {
        Response r = messages.createResponse(status, request);
        ((ToHeader) r.getHeader(ToHeader.NAME)).setTag(statelessTag);
        return r;
    }

    /** True for the ACK of one of our stateless answers: nothing to relay. */
    boolean isStatelessAck(Request ack) {
        ToHeader to = (ToHeader) ack.getHeader(ToHeader.NAME);
        return to != null && statelessTag.equals(to.getTag());
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
