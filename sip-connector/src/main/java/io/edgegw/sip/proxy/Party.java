package io.edgegw.sip.proxy;

import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transport.Peer;

import java.net.InetAddress;
import java.util.List;

/**
 * One side of an answered call as the proxy learned it from the INVITE and its 2xx: its tag, the address its
 * messages came from, where requests to it go (its Contact as Request-URI, sent to {@code next}: the Contact's
 * address, or the connection it called over), the Route set between the proxy and it (proxies on its side that
 * record-routed), and the highest CSeq it has sent, so the proxy's own BYE is in sequence. Touched only on the
 * call's worker.
 */
final class Party {
    final String tag;
    final NameAddr address;
    final InetAddress source;
    final SipUri target;
    final Peer next;
    final List<NameAddr> routeBeyond;
    private long cseq;

    Party(String tag, NameAddr address, InetAddress source, SipUri target, Peer next, List<NameAddr> routeBeyond,
          long cseq) {
        this.tag = tag;
        this.address = address;
        this.source = source;
        this.target = target;
        this.next = next;
        this.routeBeyond = List.copyOf(routeBeyond);
        this.cseq = cseq;
    }

    /** True when a request claiming to be this side's came from its address. */
    boolean sent(InetAddress from) {
        return source != null && source.equals(from);
    }

    /** A request this side sent with {@code seq} went through. */
    void sentCSeq(long seq) {
        cseq = Math.max(cseq, seq);
    }

    /** The CSeq of a new request in this side's name (RFC 3261 section 12.2.1.1: one more than its last). */
    long nextCSeq() {
        return cseq + 1;
    }
}
