package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.RequestBuilder;
import io.edgegw.sipstack.message.SipRequest;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.message.Via;
import io.edgegw.sipstack.message.SipIds;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.Transport;

import java.net.InetSocketAddress;
import java.util.List;

/**
 * What a user agent needs to send inside an established dialog (RFC 3261 12.2.1): the remote target, the route
 * set, the two tagged parties and the Call-ID; and where such a request goes first (RFC 3261 8.1.2: the first Route
 * when it is a loose router, else the Request-URI).
 *
 * @param remoteTarget the peer's Contact URI
 * @param routes       the route set, in the order the Route header lists it
 * @param local        our side (From of requests we send), with our tag
 * @param remote       the peer's side (To), with its tag
 */
record InDialog(String remoteTarget, List<NameAddr> routes, NameAddr local, NameAddr remote, String callId) {

    /** A request of this dialog, from {@code via} with a fresh branch. */
    SipRequest request(String method, long cseq, Via via) {
        RequestBuilder b = RequestBuilder.request(method, SipUri.parse(remoteTarget))
                .via(Via.of(via.transport(), via.host(), via.port(), SipIds.branch()))
                .from(local).to(remote).callId(callId).cseq(cseq);
        routes.forEach(b::route);
        return b.build();
    }

    /** Where the request goes first, over {@code transport}; the host must be an address (no DNS here). */
    Peer nextHop(Transport transport) {
        SipUri first = routes.isEmpty() ? null : routes.get(0).sipUri();
        SipUri uri = first != null && first.lr() ? first : SipUri.parse(remoteTarget);
        int port = uri.port() > 0 ? uri.port() : transport == Transport.TLS ? 5061 : 5060;
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        return new Peer(transport, new InetSocketAddress(host, port));
    }

    /** The transport token of a Via or URI parameter: UDP, TCP, TLS. */
    static String token(Transport transport) {
        return transport.name();
    }
}
