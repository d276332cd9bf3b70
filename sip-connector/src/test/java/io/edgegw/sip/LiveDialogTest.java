package io.edgegw.sip;

import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call's signed Route is no ticket to the trunks: in-dialog requests are relayed only while the call is up, only
 * from its two parties, and only to the other party's own target. Hand-written SIP: caller and trunk on 127.0.0.1,
 * attackers on other loopback addresses replaying everything they could have sniffed (Call-ID, tags, the token).
 */
@Timeout(60)
class LiveDialogTest {
    @TempDir
    Path dir;

    @Test
    void aReplayedRouteTokenAfterTheByeIsRefusedAndReachesNoTrunk() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             RawSip attacker = new RawSip("127.0.0.2");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            Answered call = Answered.call(caller, trunk, proxy, "ended@x");
            caller.send(call.fromCaller(caller, "BYE", call.callee(), 2), proxy);
            RawSip.Received bye = trunk.receiveStarting("BYE ");
            trunk.send(RawSip.response(bye.text(), 200, "OK"), bye.from());
            assertEquals(200, caller.finalStatus("BYE"));

            String premium = "sip:4479000000@127.0.0.1:" + trunk.port();
            attacker.send(call.fromCaller(attacker, "INVITE", premium, 3), proxy);
            assertEquals(403, attacker.finalStatus("INVITE"), "a re-INVITE of an ended call, from a stranger");
            caller.send(call.fromCaller(caller, "INVITE", premium, 3), proxy);
            assertEquals(403, caller.finalStatus("INVITE"), "a re-INVITE of an ended call, from its own caller");

            caller.send(caller.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "probe@x"), proxy);
            RawSip.Received next = trunk.receive(); // in order: a relayed replay would come before the probe
            assertTrue(next.text().startsWith("INVITE ") && next.text().contains("Call-ID: probe@x"), next.text());
            assertEquals(2.0, gateway.meters().get("edge_sip_in_dialog_refused").tag("reason", "no_dialog").counter()
                    .count());
        }
    }

    @Test
    void aReplayedRouteTokenDuringTheCallFromAThirdAddressIsRefused() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             RawSip attacker = new RawSip("127.0.0.3");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            Answered call = Answered.call(caller, trunk, proxy, "live@x");

            attacker.send(call.fromCaller(attacker, "INVITE", "sip:4479000000@127.0.0.1:" + trunk.port(), 5), proxy);
            assertEquals(403, attacker.finalStatus("INVITE"));
            attacker.send(call.fromCaller(attacker, "BYE", call.callee(), 6), proxy);
            assertEquals(403, attacker.finalStatus("BYE"));
            attacker.send(call.fromCallee(attacker, "BYE", call.callerContact(), 6), proxy);
            assertEquals(403, attacker.finalStatus("BYE"), "posing as the callee");

            caller.send(call.fromCaller(caller, "BYE", call.callee(), 2), proxy);
            RawSip.Received first = trunk.receive(); // in order: a relayed forgery would come first
            assertTrue(first.text().startsWith("BYE ") && first.text().contains("CSeq: 2 BYE"), first.text());
            trunk.send(RawSip.response(first.text(), 200, "OK"), first.from());
            assertEquals(200, caller.finalStatus("BYE"));
            assertEquals(3.0, gateway.meters().get("edge_sip_in_dialog_refused").tag("reason", "not_party").counter()
                    .count());
        }
    }

    @Test
    void anInDialogRequestToAnotherTargetStillGoesToTheOtherPartysOwn() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip otherTrunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             Gateway gateway = SipGateway.start(dir, trunk.port(), otherTrunk.port())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            Answered call = Answered.call(caller, trunk, proxy, "retarget@x");

            caller.send(call.fromCaller(caller, "INVITE", "sip:4479000000@127.0.0.1:" + otherTrunk.port(), 2), proxy);
            RawSip.Received reinvite = trunk.receiveStarting("INVITE ");
            assertTrue(reinvite.firstLine().startsWith("INVITE " + call.callee() + " "), reinvite.text());
            trunk.send(Answered.ok(reinvite, trunk), reinvite.from());
            assertEquals(200, caller.finalStatus("INVITE"));
            try (RawSip marker = new RawSip("127.0.0.1")) {
                marker.send("marker", new InetSocketAddress("127.0.0.1", otherTrunk.port()));
                assertEquals("marker", otherTrunk.receive().text(), "the other trunk got nothing before the marker");
            }

            trunk.send(call.fromCallee(trunk, "BYE", "sip:4479000000@127.0.0.1:" + otherTrunk.port(), 1), proxy);
            RawSip.Received bye = caller.receiveStarting("BYE ");
            assertTrue(bye.firstLine().startsWith("BYE " + call.callerContact() + " "), bye.text());
        }
    }

    @Test
    void theByesOfACallPastMaxCallSecondsCarryEachSidesNextCSeq() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port(), ", maxCallSeconds: 3", "", "")) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            Answered call = Answered.call(caller, trunk, proxy, "long@x");
            caller.send(call.fromCaller(caller, "INVITE", call.callee(), 7), proxy); // a re-INVITE, CSeq 7
            RawSip.Received reinvite = trunk.receiveStarting("INVITE ");
            trunk.send(Answered.ok(reinvite, trunk), reinvite.from());
            assertEquals(200, caller.finalStatus("INVITE"));
            trunk.send(call.fromCallee(trunk, "OPTIONS", call.callerContact(), 4), proxy); // the callee's CSeq 4
            RawSip.Received options = caller.receiveStarting("OPTIONS ");
            caller.send(RawSip.response(options.text(), 200, "OK"), options.from());
            trunk.response(200, "OPTIONS");

            assertEquals("8 BYE", trunk.receiveStarting("BYE ").header("CSeq"), "after the caller's 7");
            assertEquals("5 BYE", caller.receiveStarting("BYE ").header("CSeq"), "after the callee's 4");
        }
    }

    /**
     * A caller that never acknowledges the 2xx (its INVITE transaction had already ended, say on a 503, and it ignores
     * a late 2xx) never sends BYE either: the call used to hold its tenant's and its trunk's places until
     * sip.maxCallSeconds (3 h by default). With no ACK 64*T1 after the 2xx (plus T4), the proxy ends it, BYE both ways.
     */
    @Test
    @Timeout(120)
    void anAnsweredCallWhoseCallerNeverAcknowledgesEndsWithByesBothWaysAndGivesItsPlacesBack() throws Exception {
        try (RawSip trunk = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             Gateway gateway = SipGateway.start(dir, trunk.port(), trunk.port())) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "no-ack@x"), proxy);
            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            trunk.send(Answered.ok(invite, trunk).replace("Content-Length: 0", "Record-Route: "
                    + invite.header("Record-Route") + "\r\nContent-Length: 0"), invite.from());
            caller.response(200, "INVITE"); // and no ACK
            assertEquals(1.0, trunkCalls(gateway));

            await().atMost(Duration.ofSeconds(90)).until(() -> trunkCalls(gateway) == 0.0
                    && gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value() == 0.0);
            assertEquals("no-ack@x", trunk.receiveStarting("BYE ").header("Call-ID"));
            assertEquals("no-ack@x", caller.receiveStarting("BYE ").header("Call-ID"));
        }
    }

    private static double trunkCalls(Gateway gateway) {
        return gateway.meters().get("edge_sip_carrier_calls_active").tag("carrier", "first").gauge().value();
    }

    /** An answered call between {@code caller} (From tag raw1) and the trunk (To tag trunk1), acknowledged. */
    private record Answered(String callId, String route, int trunkPort, int callerPort) {
        static Answered call(RawSip caller, RawSip trunk, InetSocketAddress proxy, String callId) throws Exception {
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), callId), proxy);
            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            String recordRoute = "Record-Route: " + invite.header("Record-Route");
            trunk.send(ok(invite, trunk).replace("Content-Length: 0", recordRoute + "\r\nContent-Length: 0"),
                    invite.from());
            String route = "Route: " + caller.response(200, "INVITE").header("Record-Route");
            Answered a = new Answered(callId, route, trunk.port(), caller.port());
            caller.send(a.fromCaller(caller, "ACK", a.callee(), 1), proxy);
            trunk.receiveStarting("ACK ");
            return a;
        }

        /** The callee's 200 to an INVITE, with its Contact. */
        static String ok(RawSip.Received invite, RawSip trunk) {
            return RawSip.response(invite.text(), 200, "OK").replace("Content-Length: 0",
                    "Contact: <sip:callee@127.0.0.1:" + trunk.port() + ">\r\nContent-Length: 0");
        }

        String callee() {
            return "sip:callee@127.0.0.1:" + trunkPort;
        }

        String callerContact() {
            return "sip:caller@127.0.0.1:" + callerPort;
        }

        /** A request in this call as the caller's side writes it, sent from {@code from}'s socket. */
        String fromCaller(RawSip from, String method, String uri, int cseq) {
            return request(from, method, uri, "raw1", "trunk1", cseq);
        }

        /** A request in this call as the callee's side writes it (tags swapped), sent from {@code from}'s socket. */
        String fromCallee(RawSip from, String method, String uri, int cseq) {
            return request(from, method, uri, "trunk1", "raw1", cseq);
        }

        private String request(RawSip from, String method, String uri, String fromTag, String toTag, int cseq) {
            return method + " " + uri + " SIP/2.0\r\n"
                    + "Via: SIP/2.0/UDP 127.0.0.1:" + from.port() + ";branch=" + RawSip.newBranch() + "\r\n"
                    + "Max-Forwards: 70\r\n"
                    + route + "\r\n"
                    + "From: <sip:a@127.0.0.1>;tag=" + fromTag + "\r\n"
                    + "To: <sip:b@127.0.0.1>;tag=" + toTag + "\r\n"
                    + "Call-ID: " + callId + "\r\n"
                    + "CSeq: " + cseq + " " + method + "\r\n"
                    + "Contact: <sip:" + (fromTag.equals("raw1") ? "caller" : "callee") + "@127.0.0.1:" + from.port()
                    + ">\r\n"
                    + "Content-Length: 0\r\n\r\n";
        }
    }
}
