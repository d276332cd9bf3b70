package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every call leaves one CDR line: failed calls at their final answer, answered ones when they end. */
@Timeout(90)
class CallRecordsTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void aCallTheCalleeRejectsAndACallWithNoRouteEachHaveARecordWithTheirCode() throws Exception {
        try (RawSip first = new RawSip("127.0.0.1"); RawSip second = new RawSip("127.0.0.1");
             RawSip caller = new RawSip("127.0.0.1");
             Gateway gateway = SipGateway.start(dir, first.port(), second.port(), 10)) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            caller.send(caller.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "nf1@x"), proxy);
            RawSip.Received invite = first.receiveStarting("INVITE ");
            first.send(RawSip.response(invite.text(), 404, "Not Found"), invite.from());
            assertEquals(404, caller.finalStatus("INVITE"));
            caller.send(caller.request("INVITE", "1999", proxy, RawSip.newBranch(), "nf2@x"), proxy);
            assertEquals(404, caller.finalStatus("INVITE"));

            List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir), l -> l.size() >= 2);
            assertEquals(2, cdrs.size(), cdrs::toString);
            JsonNode rejected = cdrs.get(0);
            assertEquals("nf1@x", rejected.get("callId").asText());
            assertEquals(404, rejected.get("finalCode").asInt());
            assertEquals("first", rejected.get("carrier").asText());
            assertEquals("callee", rejected.get("endedBy").asText());
            assertTrue(rejected.get("answer").isNull() && rejected.get("end").isNull());
            assertTrue(rejected.get("setup").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z"));
            JsonNode unrouted = cdrs.get(1);
            assertEquals("nf2@x", unrouted.get("callId").asText());
            assertEquals(404, unrouted.get("finalCode").asInt());
            assertEquals("", unrouted.get("carrier").asText());
            assertEquals("refused", unrouted.get("endedBy").asText());
        }
    }

    @Test
    void anAnsweredCallLongerThanMaxCallSecondsIsHungUpBothWays() throws Exception {
        Path scenario = dir.resolve("uac-waits-for-bye.xml");
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/sipp/uac-waits-for-bye.xml"))) {
            Files.copy(in, scenario);
        }
        int trunkPort = Sipp.freeUdpPort();
        Path storage = dir.resolve("queues");
        try (Gateway gateway = SipGateway.start(storage, trunkPort, trunkPort, ", maxCallSeconds: 1", "", "")) {
            InetSocketAddress sip = SipGateway.sip(gateway);
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sn", "uas", "-m", "1");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sf", scenario.toString(),
                    sip.getAddress().getHostAddress() + ":" + sip.getPort(), "-s", "4470000001", "-m", "1");
            try {
                assertEquals(0, caller.exitCode(), () -> "the caller should get a BYE:\n" + Sipp.reports(caller));
                assertEquals(0, trunk.exitCode(), () -> "the trunk should get a BYE:\n" + Sipp.reports(trunk));
            } finally {
                caller.stop();
                trunk.stop();
            }
            List<JsonNode> cdrs = await().until(() -> CallRecords.read(storage), l -> !l.isEmpty());
            assertEquals(1, cdrs.size(), cdrs::toString);
            assertEquals("maxDuration", cdrs.get(0).get("endedBy").asText());
            assertEquals(200, cdrs.get(0).get("finalCode").asInt());
            assertEquals(0.0, gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value());
        }
    }
}
