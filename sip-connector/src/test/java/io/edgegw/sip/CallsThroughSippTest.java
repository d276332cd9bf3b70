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
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SIPp plays the tenant's phone system and the carriers' trunks; the gateway proxies between them. */
@Timeout(90)
class CallsThroughSippTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // sipp's traces stay behind when a test fails
    Path dir;

    @Test
    void everyCallOfATenantIsConnectedThroughTheTrunkAndHungUpThroughTheProxy() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort)) {
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sn", "uas", "-m", "5");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    address(gateway), "-s", "4470000001", "-m", "5", "-r", "5");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> "the trunk should see every call end:\n" + Sipp.reports(caller, trunk));
                assertNoCallsActive(gateway);
                List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> l.size() >= 5);
                assertEquals(5, cdrs.size(), cdrs::toString);
                for (JsonNode cdr : cdrs) {
                    assertEquals("acme", cdr.get("tenant").asText());
                    assertEquals("first", cdr.get("carrier").asText());
                    assertEquals(200, cdr.get("finalCode").asInt());
                    assertEquals(0, cdr.get("failoverAttempts").asInt());
                    assertEquals("caller", cdr.get("endedBy").asText(), cdr::toString);
                    assertFalse(cdr.get("answer").isNull());
                    assertFalse(cdr.get("end").isNull());
                }
            } finally {
                caller.stop();
                trunk.stop();
            }
        }
    }

    @Test
    void callsAlsoGoThroughOverTcp() throws Exception {
        int trunkPort = Sipp.freeTcpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort, 100, "tcp")) {
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-t", "t1", "-sn", "uas", "-m", "3");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeTcpPort(), "-t", "t1", "-sn", "uac",
                    address(gateway), "-s", "4470000001", "-m", "3", "-r", "3");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> Sipp.reports(caller, trunk));
            } finally {
                caller.stop();
                trunk.stop();
            }
        }
    }

    @Test
    void callsFailOverFromATrunkAnswering503ToTheNextOne() throws Exception {
        int brokenPort = Sipp.freeUdpPort();
        int goodPort = Sipp.freeUdpPort();
        Path scenario = dir.resolve("uas-503.xml");
        try (var in = Objects.requireNonNull(getClass().getResourceAsStream("/sipp/uas-503.xml"))) {
            Files.copy(in, scenario);
        }
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), brokenPort, goodPort)) {
            Sipp broken = Sipp.start(dir.resolve("broken"), "broken", brokenPort, "-sf", scenario.toString(), "-m", "5");
            Sipp good = Sipp.start(dir.resolve("good"), "good", goodPort, "-sn", "uas", "-m", "5");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    address(gateway), "-s", "4470000001", "-m", "5", "-r", "5");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, broken, good));
                assertEquals(0, good.exitCode(), () -> Sipp.reports(caller, broken, good));
                assertEquals(0, broken.exitCode(), () -> Sipp.reports(caller, broken, good));
                assertNoCallsActive(gateway);
                List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> l.size() >= 5);
                assertEquals(5, cdrs.size(), cdrs::toString);
                for (JsonNode cdr : cdrs) {
                    assertEquals("second", cdr.get("carrier").asText());
                    assertEquals(200, cdr.get("finalCode").asInt());
                    assertEquals(1, cdr.get("failoverAttempts").asInt(), cdr::toString);
                }
                assertTrue(broken.tracedLines("INVITE sip:4470000001@127.0.0.1:" + brokenPort) >= 5,
                        () -> "the 503 trunk should have been tried first for every call:\n" + Sipp.reports(broken));
            } finally {
                caller.stop();
                good.stop();
                broken.stop();
            }
        }
    }

    @Test
    void aTrunkThatStaysSilentIsGivenUpForTheNextOne() throws Exception {
        int goodPort = Sipp.freeUdpPort();
        try (RawSip silent = new RawSip("127.0.0.1");
             Gateway gateway = SipGateway.start(dir.resolve("queues"), silent.port(), goodPort)) {
            Sipp good = Sipp.start(dir.resolve("good"), "good", goodPort, "-sn", "uas", "-m", "1");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    address(gateway), "-s", "4470000001", "-m", "1");
            try {
                assertTrue(silent.receiveStarting("INVITE ").text().contains("Record-Route:"));
                assertEquals(0, caller.exitCode(), () -> "the call should succeed on the second trunk:\n"
                        + Sipp.reports(caller, good));
                assertEquals(0, good.exitCode(), () -> Sipp.reports(caller, good));
            } finally {
                caller.stop();
                good.stop();
            }
        }
    }

    /** Every call ended, so every place in the tenant's and the trunks' limits was given back. */
    private static void assertNoCallsActive(Gateway gateway) {
        assertEquals(0.0, gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value());
        for (String carrier : new String[] {"first", "second"}) {
            assertEquals(0.0, gateway.meters().get("edge_sip_carrier_calls_active").tag("carrier", carrier).gauge()
                    .value(), carrier);
        }
    }

    private static String address(Gateway gateway) {
        InetSocketAddress sip = SipGateway.sip(gateway);
        return sip.getAddress().getHostAddress() + ":" + sip.getPort();
    }
}
