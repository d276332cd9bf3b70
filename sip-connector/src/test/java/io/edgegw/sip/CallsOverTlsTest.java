package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import io.edgegw.sipstack.transport.TestPki;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A call over TLS on both legs with an independent TLS peer: Kamailio (its tls module, OpenSSL) relays SIPp's UDP
 * onto TLS toward the gateway's listener and takes the gateway's TLS trunk leg back onto UDP toward a SIPp UAS.
 * Debian's SIPp has no TLS, so it cannot be the TLS peer itself; Kamailio is a full SIP stack of its own, so the
 * INVITE, its answers, the ACK and the BYE all cross both TLS legs as a real call's would. Each side demands the
 * other's certificate: the gateway with {@code clientAuth: require}, Kamailio with {@code require_certificate}.
 */
@Timeout(120)
class CallsOverTlsTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void callCompletesOverTlsOnBothLegs() throws Exception {
        TestPki pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
        int uasPort = Sipp.freeUdpPort();
        int relayUdp = Sipp.freeUdpPort();
        int relayTls = Sipp.freeTcpPort();
        // the second trunk is nobody: a call that did not go over the TLS trunk could not be answered
        try (Gateway gateway = TlsGateway.start(dir.resolve("queues"), pki, "require",
                "port: " + relayTls + ", transport: tls", "port: " + Sipp.freeUdpPort() + ", transport: udp");
             Kamailio relay = Kamailio.tlsRelay(dir.resolve("kamailio"), pki.dir, relayUdp, relayTls,
                     TlsGateway.tls(gateway).getPort(), uasPort)) {
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", uasPort, "-sn", "uas", "-m", "1");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    "127.0.0.1:" + relayUdp, "-s", "4470000001", "-m", "1");
            try {
                assertEquals(0, caller.exitCode(), () -> "the call should succeed:\n" + reports(relay, caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> "the trunk should see the call end:\n"
                        + reports(relay, caller, trunk));
                // each Via names the transport its sender used: Kamailio's TLS hop into the gateway, the gateway's
                // TLS hop out to its trunk
                int gatewayTls = TlsGateway.tls(gateway).getPort();
                assertTrue(trunk.tracedLines("Via: SIP/2.0/TLS 127.0.0.1:" + gatewayTls) >= 1,
                        () -> "the gateway should have sent the INVITE over TLS:\n" + reports(relay, caller, trunk));
                assertTrue(trunk.tracedLines("Via: SIP/2.0/TLS 127.0.0.1:" + relayTls) >= 1,
                        () -> "the tenant's leg should have come over TLS:\n" + reports(relay, caller, trunk));
                List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> !l.isEmpty());
                assertEquals(1, cdrs.size(), cdrs::toString);
                JsonNode cdr = cdrs.get(0);
                assertEquals("acme", cdr.get("tenant").asText());
                assertEquals("first", cdr.get("carrier").asText());
                assertEquals(200, cdr.get("finalCode").asInt());
                assertEquals("caller", cdr.get("endedBy").asText(), cdr::toString);
            } finally {
                caller.stop();
                trunk.stop();
            }
        }
    }

    private static String reports(Kamailio relay, Sipp... all) {
        return "--- kamailio\n" + relay.report() + "\n" + Sipp.reports(all);
    }
}
