package io.edgegw.sip.proxy;

import io.edgegw.sipstack.message.SipUri;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.Transport;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PeerForTest {
    private final Peer sentFrom = new Peer(Transport.UDP, new InetSocketAddress("127.0.0.1", 5099));

    @Test
    void aContactThatNamesAHostIsNotLookedUpOnTheWorkerButAnsweredWhereThePartySentFrom() {
        assertSame(sentFrom, Calls.peerFor(SipUri.parse("sip:bob@pbx.example.invalid:5070"), sentFrom));
    }

    @Test
    void aContactWithAnAddressIsWhereItsRequestsGo() {
        assertEquals(new Peer(Transport.UDP, new InetSocketAddress("127.0.0.7", 5070)),
                Calls.peerFor(SipUri.parse("sip:bob@127.0.0.7:5070"), sentFrom));
        assertEquals(new Peer(Transport.UDP, new InetSocketAddress("::1", 5060)),
                Calls.peerFor(SipUri.parse("sip:bob@[::1]"), sentFrom));
    }

    @Test
    void overAStreamTheConnectionThePartyUsedIsReused() {
        Peer tcp = new Peer(Transport.TCP, new InetSocketAddress("127.0.0.1", 40000));
        assertSame(tcp, Calls.peerFor(SipUri.parse("sip:bob@127.0.0.7:5070;transport=tcp"), tcp));
    }
}
