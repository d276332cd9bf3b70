package io.edgegw.sip.proxy;

import javax.sip.address.Address;
import javax.sip.address.URI;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One side of an answered call as the proxy learned it from the INVITE and its 2xx: its tag, the address its
 * messages came from, where requests to it go (its Contact, or the trunk), the Route set between the proxy and it
 * (proxies on its side that record-routed), and the highest CSeq it has sent, so the proxy's own BYE is in sequence.
 */
final class Party {
    final String tag;
    final InetAddress address;
    final URI target;
    final List<Address> routeBeyond;
    private final AtomicLong cseq;

    Party(String tag, InetAddress address, URI target, List<Address> routeBeyond, long cseq) {
        this.tag = tag;
        this.address = address;
        this.target = target;
        this.routeBeyond = List.copyOf(routeBeyond);
        this.cseq = new AtomicLong(cseq);
    }

    /** True when a request claiming to be this side's came from its address. */
    boolean sent(InetAddress source) {
        return address != null && address.equals(source);
    }

    /** A request this side sent with {@code seq} went through. */
    void sentCSeq(long seq) {
        cseq.accumulateAndGet(seq, Math::max);
    }

    /** The CSeq of a new request in this side's name (RFC 3261 section 12.2.1.1: one more than its last). */
    long nextCSeq() {
        return cseq.get() + 1;
    }
}
