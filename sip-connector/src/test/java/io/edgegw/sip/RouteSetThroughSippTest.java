package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SIPp on both sides honouring Record-Route (not the built-in scenarios, which ignore it): every in-dialog request
 * carries the proxy's signed Route, and gets through whichever side sends it.
 */
@Timeout(90)
class RouteSetThroughSippTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // sipp's traces stay behind when a test fails
    Path dir;

    @Test
    void aReInviteAndTheCallersByeFollowTheSignedRouteToTheCallee() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort)) {
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sf", scenario("uas-rr-reinvite.xml"),
                    "-m", "3");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sf",
                    scenario("uac-rr-reinvite.xml"), address(gateway), "-s", "4470000001", "-m", "3", "-r", "3");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> "the trunk should see every call end:\n" + Sipp.reports(caller, trunk));
                // the caller sent ACK, re-INVITE, ACK and BYE with the proxy's Route, signed
                assertEquals(12, caller.tracedLines("Route: <sip:127.0.0.1:" + SipGateway.sip(gateway).getPort()
                        + ";lr;ec="), () -> Sipp.reports(caller));
                assertTrue(trunk.tracedLines("INVITE sip:callee@127.0.0.1:" + trunkPort) >= 3,
                        () -> "the re-INVITEs should reach the callee's Contact:\n" + Sipp.reports(trunk));
                assertEndedBy("caller", 3);
                assertEquals(0.0, gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value());
            } finally {
                caller.stop();
                trunk.stop();
            }
        }
    }

    @Test
    void theCalleesByeFollowsTheSignedRouteBackToTheCaller() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort)) {
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sf", scenario("uas-rr-hangs-up.xml"),
                    "-m", "3");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sf",
                    scenario("uac-waits-for-bye.xml"), address(gateway), "-s", "4470000001", "-m", "3", "-r", "3");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> "every BYE should be answered:\n" + Sipp.reports(caller, trunk));
                assertEquals(3, trunk.tracedLines("Route: <sip:127.0.0.1:" + SipGateway.sip(gateway).getPort()
                        + ";lr;ec="), () -> "the callee's BYEs carry the signed Route:\n" + Sipp.reports(trunk));
                assertEndedBy("callee", 3);
                assertEquals(0.0, gateway.meters().get("edge_sip_calls_active").tag("tenant", "acme").gauge().value());
            } finally {
                caller.stop();
                trunk.stop();
            }
        }
    }

    private void assertEndedBy(String endedBy, int calls) {
        List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> l.size() >= calls);
        assertEquals(calls, cdrs.size(), cdrs::toString);
        for (JsonNode cdr : cdrs) {
            assertEquals(200, cdr.get("finalCode").asInt(), cdr::toString);
            assertEquals(endedBy, cdr.get("endedBy").asText(), cdr::toString);
        }
    }

    private String scenario(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/sipp/" + name))) {
            Files.copy(in, file);
        }
        return file.toString();
    }

    private static String address(Gateway gateway) {
        InetSocketAddress sip = SipGateway.sip(gateway);
        return sip.getAddress().getHostAddress() + ":" + sip.getPort();
    }
}
