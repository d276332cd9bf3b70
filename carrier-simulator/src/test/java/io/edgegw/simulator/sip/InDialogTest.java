package io.edgegw.simulator.sip;

import io.edgegw.sipstack.message.NameAddr;
import io.edgegw.sipstack.transport.Peer;
import io.edgegw.sipstack.transport.Transport;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class InDialogTest {
    private static InDialog dialog(String target, String... routes) {
        return new InDialog(target, java.util.Arrays.stream(routes).map(NameAddr::parse).toList(),
                NameAddr.parse("<sip:a@127.0.0.1>;tag=1"), NameAddr.parse("<sip:b@127.0.0.1>;tag=2"), "c1");
    }

    @Test
    void aLooseRoutingProxyInTheRouteSetIsTheNextHopElseTheRemoteTarget() {
        assertEquals(Peer.of(Transport.UDP, "10.0.0.1", 5080),
                dialog("sip:b@10.0.0.9:5070", "<sip:10.0.0.1:5080;lr>").nextHop(Transport.UDP));
        assertEquals(Peer.of(Transport.UDP, "10.0.0.9", 5070), dialog("sip:b@10.0.0.9:5070").nextHop(Transport.UDP));
        assertEquals(Peer.of(Transport.TLS, "10.0.0.9", 5061), dialog("sip:b@10.0.0.9").nextHop(Transport.TLS));
    }

    @Test
    void aHostNameIsNotLookedUpOnAWorkerSoThereIsNoNextHop() {
        assertNull(dialog("sip:b@trunk.example.com:5070").nextHop(Transport.UDP));
    }

    @Test
    void theByeOfTheDialogCarriesItsTagsRouteSetAndANewBranch() {
        var bye = dialog("sip:b@10.0.0.9:5070", "<sip:10.0.0.1:5080;lr>")
                .request(javax.sip.message.Request.BYE, 2, io.edgegw.sipstack.message.Via.of("UDP", "127.0.0.1", 5000, "z9hG4bKold"));
        assertEquals("sip:b@10.0.0.9:5070", bye.requestUriText());
        assertEquals(List.of("<sip:10.0.0.1:5080;lr>"), bye.routes().stream().map(NameAddr::toString).toList());
        assertEquals("1", bye.from().tag());
        assertEquals("2", bye.to().tag());
        assertEquals(2, bye.cseq().number());
        assertNotEquals("z9hG4bKold", bye.topVia().branch(), "a new transaction, a new branch");
    }
}
