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

    /**
     * Where the request goes first, over {@code transport}; null when that is a host name, which would need a DNS
     * look-up (blocking, and on a worker): the caller then sends where the dialog's messages came from.
     */
    Peer nextHop(Transport transport) {
        SipUri first = routes.isEmpty() ? null : routes.get(0).sipUri();
        SipUri uri = first != null && first.lr() ? first : SipUri.tryParse(remoteTarget);
        if (uri == null) {
            return null;
        }
        int port = uri.port() > 0 ? uri.port() : transport == Transport.TLS ? 5061 : 5060;
        String host = uri.host().startsWith("[") ? uri.host().substring(1, uri.host().length() - 1) : uri.host();
        return isAddress(host) ? new Peer(transport, new InetSocketAddress(host, port)) : null;
    }

    /** An IPv4 or IPv6 literal, which InetSocketAddress takes without a look-up. */
    private static boolean isAddress(String host) {
        return host.indexOf(':') >= 0 || (!host.isEmpty() && host.chars().allMatch(c -> c == '.' || (c >= '0' && c <= '9')));
    }
}
