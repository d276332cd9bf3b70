package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the proxy answers itself, seen by hand-written SIP over UDP: refusals, OPTIONS, CANCEL. */
@Timeout(60)
class ProxyAnswersTest {
    @TempDir
    Path dir;

    private RawSip trunk;
    private Gateway gateway;
    private InetSocketAddress proxy;

    @BeforeEach
    void start() throws Exception {
        trunk = new RawSip("127.0.0.1");
        gateway = SipGateway.start(dir, trunk.port(), trunk.port());
        proxy = SipGateway.sip(gateway);
    }

    @AfterEach
    void stop() {
        gateway.close();
        trunk.close();
    }

    @Test
    void anInviteFromAnAddressNoTenantCallsFromIsForbidden() throws Exception {
        try (RawSip stranger = new RawSip("127.0.0.2")) {
            stranger.send(stranger.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "c1@x"), proxy);
            assertEquals(403, stranger.finalStatus("INVITE"));
        }
    }

    @Test
    void anInviteToANumberWithoutARouteToASipTrunkIsNotFound() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send(caller.request("INVITE", "33123456789", proxy, RawSip.newBranch(), "c2@x"), proxy);
            assertEquals(404, caller.finalStatus("INVITE"));
            caller.send(caller.request("INVITE", "alice", proxy, RawSip.newBranch(), "c3@x"), proxy);
            assertEquals(404, caller.finalStatus("INVITE"));
        }
    }

    @Test
    void optionsToTheProxyIsAnsweredWithWhatItAllows() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send(caller.request("OPTIONS", "ping", proxy, RawSip.newBranch(), "c4@x"), proxy);
            RawSip.Received ok = caller.receiveStarting("SIP/2.0 200");
            assertTrue(ok.hasHeaderLine("Allow:"), ok.text());
            assertTrue(ok.text().contains("INVITE") && ok.text().contains("CANCEL"), ok.text());
        }
    }

    @Test
    void methodsItDoesNotTakeAreRefusedAsRfc3261Says() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send(caller.request("REGISTER", "acme", proxy, RawSip.newBranch(), "c5@x"), proxy);
            RawSip.Received notAllowed = caller.receiveStarting("SIP/2.0 405");
            assertTrue(notAllowed.hasHeaderLine("Allow:"), notAllowed.text());
            caller.send(caller.request("FROBNICATE", "acme", proxy, RawSip.newBranch(), "c6@x"), proxy);
            assertEquals(501, caller.finalStatus("FROBNICATE"));
        }
    }

    @Test
    void garbageIsIgnoredAndTheProxyKeepsAnswering() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send("\u0000\u0001 not SIP at all\r\n\r\n", proxy);
            caller.send("INVITE sip:x SIP/2.0\r\nVia: broken\r\n\r\n", proxy);
            caller.send(caller.request("OPTIONS", "ping", proxy, RawSip.newBranch(), "c7@x"), proxy);
            assertEquals(200, caller.finalStatus("OPTIONS"));
        }
    }

    @Test
    void aCallerCancellingARingingCallGets487AndTheTrunkGetsTheCancel() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            String branch = RawSip.newBranch();
            caller.send(caller.request("INVITE", "4470000001", proxy, branch, "c8@x"), proxy);
            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            assertTrue(invite.hasHeaderLine("Record-Route:"), invite.text());
            trunk.send(RawSip.response(invite.text(), 180, "Ringing"), invite.from());
            caller.receiveStarting("SIP/2.0 180");

            caller.send(caller.request("CANCEL", "4470000001", proxy, branch, "c8@x"), proxy);
            int first = caller.finalStatus("CANCEL");
            assertEquals(200, first);
            assertEquals(487, caller.finalStatus("INVITE"));

            RawSip.Received cancel = trunk.receiveStarting("CANCEL ");
            trunk.send(RawSip.response(cancel.text(), 200, "OK"), cancel.from());
            trunk.send(RawSip.response(invite.text(), 487, "Request Terminated"), invite.from());
            assertTrue(trunk.receiveStarting("ACK ").text().getBytes(StandardCharsets.UTF_8).length > 0);

            assertEquals(0.0, gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value());
            assertEquals(0.0, gateway.meters().get("edge_sip_carrier_calls_active").tag("carrier", "first").gauge()
                    .value());
            assertEquals(1.0, gateway.meters().get("edge_sip_calls").tag("tenant", "acme").tag("outcome", "cancelled")
                    .counter().count());
            assertEquals(1.0, gateway.meters().get("edge_sip_cancels").functionCounter().count());
            JsonNode cdr = await().until(() -> CallRecords.read(dir), l -> !l.isEmpty()).get(0);
            assertEquals("cancel", cdr.get("endedBy").asText());
            assertEquals(487, cdr.get("finalCode").asInt());
        }
    }

    @Test
    void anAnswerThatCrossesTheCallersCancelStillReachesTheCaller() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            String branch = RawSip.newBranch();
            caller.send(caller.request("INVITE", "4470000001", proxy, branch, "c9@x"), proxy);
            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            trunk.send(RawSip.response(invite.text(), 180, "Ringing"), invite.from());
            caller.receiveStarting("SIP/2.0 180");
            caller.send(caller.request("CANCEL", "4470000001", proxy, branch, "c9@x"), proxy);
            assertEquals(200, caller.finalStatus("CANCEL"));
            assertEquals(487, caller.finalStatus("INVITE"));

            trunk.receiveStarting("CANCEL ");
            trunk.send(RawSip.response(invite.text(), 200, "OK"), invite.from()); // the callee picked up meanwhile
            // RFC 3261 section 16.7: the 2xx goes upstream all the same; the caller acknowledges and hangs up
            assertTrue(caller.response(200, "INVITE").hasHeaderLine("To:"));
        }
    }

    @Test
    void aCancelOfNoCallGets481AndAStrayAnswerReachesNoOne() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send(caller.request("CANCEL", "4470000001", proxy, RawSip.newBranch(), "c10@x"), proxy);
            assertEquals(481, caller.finalStatus("CANCEL"));

            // a 200 OK with the proxy's address in its Via but a branch of no transaction: a trunk answering a call
            // that never was; it must not reach the caller, whose address is in the next Via
            String invite = caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "c11@x");
            String forged = invite.replaceFirst("Via: ", "Via: SIP/2.0/UDP " + proxy.getAddress().getHostAddress() + ":"
                    + proxy.getPort() + ";branch=" + RawSip.newBranch() + "\r\nVia: ");
            trunk.send(RawSip.response(forged, 200, "OK"), proxy);
            await().until(() -> gateway.meters().get("edge_sip_stray_responses").functionCounter().count() == 1.0);
            caller.send(caller.request("OPTIONS", "ping", proxy, RawSip.newBranch(), "c12@x"), proxy);
            RawSip.Received next = caller.receive(); // the next thing the caller gets: no stray 200 before it
            assertEquals("OPTIONS", next.cseqMethod(), next.text());
            assertEquals(1.0, gateway.meters().get("edge_sip_cancels").functionCounter().count());
        }
    }

    @Test
    void aCallStillBeingSetUpWhenTheGatewayStopsGets503AndItsRecord() throws Exception {
        try (RawSip caller = new RawSip("127.0.0.1")) {
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "s1@x"), proxy);
            RawSip.Received invite = trunk.receiveStarting("INVITE ");
            trunk.send(RawSip.response(invite.text(), 180, "Ringing"), invite.from());
            caller.receiveStarting("SIP/2.0 180");

            gateway.close();

            assertEquals(503, caller.finalStatus("INVITE"));
            trunk.receiveStarting("CANCEL ");
            JsonNode cdr = await().until(() -> CallRecords.read(dir), l -> !l.isEmpty()).get(0);
            assertEquals("shutdown", cdr.get("endedBy").asText());
            assertEquals(503, cdr.get("finalCode").asInt());
        }
    }
}
