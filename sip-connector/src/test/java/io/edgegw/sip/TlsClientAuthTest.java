package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import io.edgegw.core.Gateway;
import io.edgegw.sipstack.transport.TestPki;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Who may talk SIP over TLS with the gateway, with {@code openssl} as the independent TLS peer: with {@code
 * clientAuth: require} only a client whose certificate chains to {@code trustedCertificates} gets an answer; and a
 * trunk whose certificate the gateway does not trust never gets the call, which goes on to the next trunk.
 */
@Timeout(90)
class TlsClientAuthTest {
    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path dir;
    private TestPki pki;

    @BeforeEach
    void certificates() throws Exception {
        pki = TestPki.create(Files.createDirectories(dir.resolve("pki")));
    }

    @Test
    void aClientWithATrustedCertificateIsAnswered() throws Exception {
        try (Gateway gateway = gatewayRequiringClientCertificates();
             Openssl client = Openssl.client(dir, tlsPort(gateway), pki.pem("ca"), pki.pem("client"),
                     pki.key("client"))) {
            client.send(options(tlsPort(gateway)));
            await().atMost(Duration.ofSeconds(15)).until(() -> client.output().contains("SIP/2.0 200 "));
        }
    }

    @Test
    void aClientWithAnUntrustedCertificateIsRefused() throws Exception {
        try (Gateway gateway = gatewayRequiringClientCertificates();
             Openssl client = Openssl.client(dir, tlsPort(gateway), pki.pem("ca"), pki.pem("rogue-client"),
                     pki.key("rogue-client"))) {
            client.send(options(tlsPort(gateway)));
            assertRefused(client);
        }
    }

    @Test
    void aClientWithoutACertificateIsRefused() throws Exception {
        try (Gateway gateway = gatewayRequiringClientCertificates();
             Openssl client = Openssl.client(dir, tlsPort(gateway), pki.pem("ca"), null, null)) {
            client.send(options(tlsPort(gateway)));
            assertRefused(client);
        }
    }

    @Test
    void aTrunkWithAnUntrustedCertificateNeverGetsTheCallWhichGoesToTheNextTrunk() throws Exception {
        int roguePort = Sipp.freeTcpPort();
        int goodPort = Sipp.freeUdpPort();
        try (Openssl rogue = Openssl.server(dir, roguePort, pki.pem("rogue-client"), pki.key("rogue-client"));
             Gateway gateway = TlsGateway.start(dir.resolve("queues"), pki, "require",
                     "port: " + roguePort + ", transport: tls", "port: " + goodPort + ", transport: udp")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> rogue.output().contains("ACCEPT"));
            Sipp good = Sipp.start(dir.resolve("good"), "good", goodPort, "-sn", "uas", "-m", "1");
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    "127.0.0.1:" + TlsGateway.udp(gateway).getPort(), "-s", "4470000001", "-m", "1");
            try {
                assertEquals(0, caller.exitCode(), () -> "the call should succeed on the second trunk:\n"
                        + Sipp.reports(caller) + "\n--- s_server\n" + rogue.output());
                assertEquals(0, good.exitCode(), () -> Sipp.reports(good));
                List<JsonNode> cdrs = await().until(() -> CallRecords.read(dir.resolve("queues")), l -> !l.isEmpty());
                assertEquals("second", cdrs.get(0).get("carrier").asText(), cdrs::toString);
                assertEquals(1, cdrs.get(0).get("failoverAttempts").asInt(), cdrs::toString);
                assertFalse(rogue.output().contains("INVITE"), () -> "the untrusted trunk got the INVITE:\n"
                        + rogue.output());
                assertTrue(rogue.output().contains("alert"), () -> "the gateway should have ended the handshake "
                        + "with an alert:\n" + rogue.output());
            } finally {
                caller.stop();
                good.stop();
            }
        }
    }

    /** The server ends the connection with a TLS alert and no SIP answer ever comes. */
    private static void assertRefused(Openssl client) {
        await().atMost(Duration.ofSeconds(15)).until(() -> !client.isAlive());
        assertFalse(client.output().contains("SIP/2.0"), client::output);
        assertTrue(client.output().toLowerCase().contains("alert"), client::output);
    }

    private Gateway gatewayRequiringClientCertificates() {
        // trunks on ports nobody listens on: these tests place no calls
        return TlsGateway.start(dir.resolve("queues"), pki, "require", "port: 9, transport: udp",
                "port: 9, transport: udp");
    }

    private static int tlsPort(Gateway gateway) {
        return TlsGateway.tls(gateway).getPort();
    }

    private static String options(int port) {
        return """
                OPTIONS sip:127.0.0.1:%d;transport=tls SIP/2.0\r
                Via: SIP/2.0/TLS 127.0.0.1:5999;branch=z9hG4bK-tls-options-1\r
                Max-Forwards: 70\r
                From: <sip:probe@127.0.0.1>;tag=tls-1\r
                To: <sip:127.0.0.1:%d>\r
                Call-ID: tls-options-1@127.0.0.1\r
                CSeq: 1 OPTIONS\r
                Content-Length: 0\r
                \r
                """.formatted(port, port);
    }
}
