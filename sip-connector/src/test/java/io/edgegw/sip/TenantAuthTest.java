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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenant acme calls from 127.0.0.1 (its sipSources) or, from anywhere else (127.0.0.2 here), with its digest
 * credentials: SIPp answers the proxy's 407 challenges itself ({@code -au}/{@code -ap}).
 */
@Timeout(90)
class TenantAuthTest {
    private static final String AUTH = ", sipAuth: { username: acme-sip, password: 'open sesame' }";

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void callsFromOutsideTheSourcesCompleteWithTheTenantsCredentialsWhichStayBehindAtTheProxy() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort, "", AUTH, "")) {
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sn", "uas", "-m", "3");
            Sipp caller = Sipp.startOn("127.0.0.2", dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sf",
                    scenario(), "-au", "acme-sip", "-ap", "open sesame", address(gateway), "-s", "4470000001",
                    "-m", "3", "-r", "3");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> Sipp.reports(caller, trunk));
                assertTrue(caller.tracedLines("Proxy-Authorization:") >= 3, () -> Sipp.reports(caller));
                assertEquals(0, trunk.tracedLines("Proxy-Authorization:"), "credentials must not reach the trunk");
                List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> l.size() >= 3);
                assertEquals(3, cdrs.size(), cdrs::toString);
                for (JsonNode cdr : cdrs) {
                    assertEquals("acme", cdr.get("tenant").asText(), cdr::toString);
                    assertEquals(200, cdr.get("finalCode").asInt(), cdr::toString);
                }
            } finally {
                caller.stop();
                trunk.stop();
            }
        }
    }

    @Test
    void aWrongPasswordIsForbidden() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort, "", AUTH, "");
             RawSip trunk = new RawSip("127.0.0.1", trunkPort)) {
            Sipp caller = Sipp.startOn("127.0.0.2", dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sf",
                    scenario(), "-au", "acme-sip", "-ap", "guessed", address(gateway), "-s", "4470000001",
                    "-m", "1");
            try {
                assertNotEquals(0, caller.exitCode(), () -> Sipp.reports(caller));
                assertTrue(caller.tracedLines("SIP/2.0 407") >= 1, () -> Sipp.reports(caller));
                assertTrue(caller.tracedLines("SIP/2.0 403") >= 1, () -> Sipp.reports(caller));
                // the trunk got nothing: the first message it sees is this probe's INVITE, not the caller's
                try (RawSip acme = new RawSip("127.0.0.1")) {
                    InetSocketAddress proxy = SipGateway.sip(gateway);
                    acme.send(acme.request("INVITE", "4470000002", proxy, RawSip.newBranch(), "probe@x"), proxy);
                    assertTrue(trunk.receiveStarting("INVITE ").text().contains("Call-ID: probe@x"));
                }
            } finally {
                caller.stop();
            }
        }
    }

    @Test
    void anInviteWithoutCredentialsFromOutsideTheSourcesIsChallenged() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        try (Gateway gateway = SipGateway.start(dir.resolve("queues"), trunkPort, trunkPort, "", AUTH, "");
             RawSip stranger = new RawSip("127.0.0.2")) {
            InetSocketAddress proxy = SipGateway.sip(gateway);
            stranger.send(stranger.request("INVITE", "4470000001", proxy, RawSip.newBranch(), "c1@x"), proxy);
            RawSip.Received challenge = stranger.response(407, "INVITE");
            String header = challenge.text().lines().filter(l -> l.startsWith("Proxy-Authenticate:")).findFirst()
                    .orElseThrow(() -> new AssertionError("no Proxy-Authenticate in\n" + challenge.text()));
            assertTrue(header.matches("Proxy-Authenticate: Digest .*nonce=\"[0-9a-f]{44}\".*"), header);
            assertTrue(header.contains("realm=\"127.0.0.1\""), header);
            assertTrue(header.contains("qop=\"auth\""), header);
        }
    }

    private String scenario() throws IOException {
        Path scenario = dir.resolve("uac-auth.xml");
        if (!Files.exists(scenario)) {
            try (InputStream in = Objects.requireNonNull(getClass().getResourceAsStream("/sipp/uac-auth.xml"))) {
                Files.copy(in, scenario);
            }
        }
        return scenario.toString();
    }

    private static String address(Gateway gateway) {
        InetSocketAddress a = SipGateway.sip(gateway);
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }
}
