package io.edgegw.sip.proxy;

import io.edgegw.sip.config.SipTrunkConfig;
import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.message.SipMessage;
import io.edgegw.sipstack.message.SipParseException;
import io.edgegw.sipstack.message.SipParser;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipResponse;
import io.edgegw.sipstack.message.SipResponses;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.message.Via;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.Transport;

import javax.sip.header.RouteHeader;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a proxy does to a message on its way through (RFC 3261 section 16.6): its own Via and Record-Route on
 * requests, Max-Forwards counted down, its own Route and Via taken off again. Knows the proxy's own addresses: UDP
 * and TCP share one port, TLS has its own.
 */
final class Hops {
    private static final int DEFAULT_SIP_PORT = 5060;
    private static final int DEFAULT_SIPS_PORT = 5061;

    final String host;
    final int port;
    /** -1 when the proxy does not listen on TLS. */
    final int tlsPort;
    /** Signs our Record-Route for each call, so only its own dialog's requests are relayed (see {@link InDialog}). */
    final RouteToken routeToken;
    /** The To tag of every stateless answer of this process, so the ACKs they draw are recognised and absorbed. */
    final String statelessTag = "sl-" + SipIds.tag();

    Hops(String host, int port, int tlsPort, RouteToken routeToken) {
        this.host = host;
        this.port = port;
        this.tlsPort = tlsPort;
        this.routeToken = routeToken;
    }

    /** Where a trunk's requests go: its transport (a {@code sips:} trunk is TLS), its resolved address. */
    static Peer peerOf(SipTrunkConfig trunk) {
        return new Peer(transportOf(trunk.transport()), new InetSocketAddress(trunk.host(), trunk.port()));
    }

    static Transport transportOf(String name) {
        return switch (name == null ? "udp" : name.toLowerCase()) {
            case "tcp" -> Transport.TCP;
            case "tls" -> Transport.TLS;
            default -> Transport.UDP;
        };
    }

    /** A copy to edit: the server transaction keeps the original to build its own answers from. */
    static SipRequest copy(SipRequest request) {
        try {
            return (SipRequest) SipParser.parse(request.toByteArray());
        } catch (SipParseException e) {
            throw new IllegalStateException("a parsed request did not parse again: " + e.reason(), e);
        }
    }

    /**
     * The initial INVITE as sent to a trunk: a copy with the trunk's host, port and transport in its Request-URI, no
     * Route, Max-Forwards counted down, our Record-Route (two when the legs' transports differ, RFC 5658) and Via.
     */
    SipRequest toTrunk(SipRequest invite, SipTrunkConfig trunk, Transport callerLeg) {
        SipRequest out = copy(invite);
        Transport leg = transportOf(trunk.transport());
        SipUri uri = out.requestUri().withHost(trunk.host()).withPort(trunk.port()).withoutParam("transport");
        if (leg != Transport.UDP) {
            uri = uri.withParam("transport", leg.name().toLowerCase());
        }
        out.setRequestUri(uri);
        out.removeHeader(RouteHeader.NAME); // the gateway chooses the path to a carrier, not the tenant
        out.decrementMaxForwards();
        String token = routeToken.sign(invite.callId());
        if (leg != callerLeg) {
            out.prependRecordRoute(recordRoute(callerLeg, token));
        }
        out.prependRecordRoute(recordRoute(leg, token));
        out.prependVia(via(leg, SipIds.branch()));
        return out;
    }

    /** A request passed on statefully or statelessly: Max-Forwards counted down, our Via with {@code branch} on top. */
    void onward(SipRequest out, Transport leg, String branch) {
        out.decrementMaxForwards();
        out.prependVia(via(leg, branch));
    }

    Via via(Transport leg, String branch) {
        return Via.of(leg.name(), host, leg == Transport.TLS ? tlsPort : port, branch);
    }

    private NameAddr recordRoute(Transport leg, String token) {
        SipUri uri = SipUri.of(null, host, leg == Transport.TLS ? tlsPort : port).withParam(SipUri.LR, null)
                .withParam(RouteToken.PARAM, token);
        if (leg == Transport.TCP || leg == Transport.TLS) {
            uri = uri.withParam("transport", leg.name().toLowerCase());
        }
        return NameAddr.of(uri);
    }

    /** True when Max-Forwards would not allow one more hop. */
    static boolean outOfHops(SipRequest in) {
        return in.maxForwards() == 0;
    }

    /** What the topmost Routes say about this proxy. */
    enum OwnRoute {
        /** The top one does not name this proxy (or there is none). */
        NONE,
        /** They name this proxy with the token of the request's Call-ID: taken off. */
        SIGNED,
        /** One names this proxy without a valid token: a request that did not come from a call through us. */
        FORGED
    }

    /**
     * Takes off the topmost Routes naming this proxy (RFC 3261 section 16.4; two of them after a double
     * Record-Route) when they carry the token our Record-Route gave the request's Call-ID; one naming us without it
     * is left on and reported {@code FORGED}.
     */
    OwnRoute removeOwnRoutes(SipRequest in) {
        OwnRoute seen = OwnRoute.NONE;
        List<NameAddr> routes = in.routes();
        for (NameAddr top : routes) {
            SipUri uri = top.sipUri();
            if (!isOurs(uri)) {
                return seen;
            }
            if (!routeToken.valid(in.callId(), uri.param(RouteToken.PARAM))) {
                return OwnRoute.FORGED;
            }
            in.removeFirstRoute();
            seen = OwnRoute.SIGNED;
        }
        return seen;
    }

    boolean isOurs(SipUri uri) {
        if (uri == null || !host.equalsIgnoreCase(uri.host())) {
            return false;
        }
        int p = uri.port() >= 0 ? uri.port() : uri.isSecure() ? DEFAULT_SIPS_PORT : DEFAULT_SIP_PORT;
        return p == port || (tlsPort >= 0 && p == tlsPort);
    }

    /** True when the response's topmost Via is ours and another one follows it, i.e. it is ours to pass on. */
    boolean cameBackThroughUs(SipMessage response) {
        List<Via> vias = response.vias();
        if (vias.size() < 2) {
            return false;
        }
        Via top = vias.get(0);
        int p = top.port() < 0 ? DEFAULT_SIP_PORT : top.port();
        return host.equalsIgnoreCase(top.host()) && (p == port || p == tlsPort);
    }

    /**
     * An answer sent without a transaction (strangers, refused credentials, overload): one datagram, never
     * retransmitted, with the process's stateless To tag, as Kamailio's sl module does.
     */
    SipResponse statelessAnswer(SipRequest request, int status) {
        return SipResponses.create(request, status, null, statelessTag);
    }

    /** True for the ACK of one of our stateless answers: nothing to relay. */
    boolean isStatelessAck(SipRequest ack) {
        NameAddr to = ack.to();
        return to != null && statelessTag.equals(to.tag());
    }

    /** The same incoming branch always gives the same outgoing one, so a stateless retransmission matches. */
    static String derivedBranch(String incoming) {
        return "z9hG4bK-sl" + Integer.toHexString(String.valueOf(incoming).hashCode());
    }
}
