package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.sipstack.transport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Tenants over TLS ({@code smpp.tls}), against the real gateway with Cloudhopper ch-smpp as the tenant: the same
 * SMPP as on the plain port once the handshake is through, and nothing at all for a client the listener's
 * {@code clientAuth} does not admit.
 */
class SmppTlsListenerTest {
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path pkiDir;
    static TestPki pki;

    @TempDir
    Path storage;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(pkiDir);
    }

    private Gateway start(String clientAuth, String tenantSources, int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0, bindTimeoutSeconds: 60,
                        tls: { port: 0, certificate: '%s', privateKey: '%s', clientAuth: %s,
                               trustedCertificates: '%s', handshakeTimeoutSeconds: 1 } }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, allowedSources: %s }
                carriers:
                  - { id: carrier-a, systemId: edge, password: edge, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [carrier-a] }
                """.formatted(pki.pem("server"), pki.key("server"), clientAuth, pki.pem("ca"), storage,
                tenantSources, carrierPort)));
    }

    private static int tlsPort(Gateway g) {
        return g.listeners().get("smpp-tls").getPort();
    }

    private static double refused(Gateway g, String reason) {
        return g.meters().get("edge_smpp_tenant_connections_refused").tag("reason", reason).counter().count();
    }

    @Test
    void aTenantWithATrustedCertificateBindsOverTlsSubmitsAndGetsItsReceiptBack() throws Exception {
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge").withTiming(0, 10));
             Gateway g = start("require", "[127.0.0.1]", smsc.port())) {
            assertNotNull(g.listeners().get("smpp"), "the plain listener stays beside the TLS one");
            try (CloudhopperTenant tenant = new CloudhopperTenant(tlsPort(g), "acme", "acme-pw",
                    SmppBindType.TRANSCEIVER, SmppTls.cloudhopper(pki, "ca", "client"))) {
                SubmitSmResp resp = tenant.submit("447700900001", "over TLS");

                assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
                assertFalse(resp.getMessageId().isEmpty());
                await().atMost(WAIT).until(() -> !tenant.receipts().isEmpty());
                CloudhopperTenant.Receipt receipt = tenant.receipts().peek();
                assertEquals(resp.getMessageId(), receipt.receiptedMessageId());
                assertTrue(receipt.text().contains("stat:DELIVRD"), receipt.text());
            }
            assertTrue(smsc.counters().submitsReceived() >= 1, smsc.counters().statusLine());
            assertEquals(0, refused(g, "tls_handshake"));
        }
    }

    @Test
    void withClientAuthRequireAClientWithAnUntrustedOrNoCertificateIsRefusedInTheHandshake() throws Exception {
        try (Gateway g = start("require", "[127.0.0.1]", 1)) {
            // signed by a CA the gateway does not trust
            assertThrows(Exception.class, () -> new CloudhopperTenant(tlsPort(g), "acme", "acme-pw",
                    SmppBindType.TRANSMITTER, SmppTls.cloudhopper(pki, "ca", "rogue-client")).close());
            // trusting the gateway, but showing no certificate at all
            assertThrows(Exception.class, () -> new CloudhopperTenant(tlsPort(g), "acme", "acme-pw",
                    SmppBindType.TRANSMITTER, SmppTls.cloudhopper(pki, "ca", null)).close());

            // an untrusted certificate actually shown (not withheld as the client above does), over TLS 1.3
            assertEquals(-1, SmppTls.firstAnswer(tlsPort(g), pki, "ca", "rogue-client",
                    bindTransmitter("acme", "acme-pw")));
            assertEquals(SmppConstants.CMD_ID_BIND_TRANSMITTER_RESP, SmppTls.firstAnswer(tlsPort(g), pki, "ca",
                    "client", bindTransmitter("acme", "acme-pw")), "the same client with a trusted certificate");

            await().atMost(WAIT).until(() -> refused(g, "tls_handshake") >= 3);
            // the same client with a trusted certificate is let in: the refusals were the certificates'
            try (CloudhopperTenant tenant = new CloudhopperTenant(tlsPort(g), "acme", "acme-pw",
                    SmppBindType.TRANSMITTER, SmppTls.cloudhopper(pki, "ca", "client"))) {
                assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900002", "let in").getCommandStatus());
            }
        }
    }

    @Test
    void plainSmppOnTheTlsPortGetsNoSmppAnswerAndIsClosed() throws Exception {
        try (Gateway g = start("none", "[127.0.0.1]", 1);
             Socket plain = new Socket("127.0.0.1", tlsPort(g))) {
            plain.setSoTimeout(20_000);
            plain.getOutputStream().write(bindTransmitter("acme", "acme-pw"));
            plain.getOutputStream().flush();

            byte[] answer = readUntilClosed(plain.getInputStream());

            // at most a TLS alert record (content type 21); never an SMPP header such as a bind_transmitter_resp
            assertTrue(answer.length == 0 || answer[0] == 21, "got " + answer.length + " bytes, not a TLS alert");
            if (answer.length >= 8) {
                assertNotEquals(SmppConstants.CMD_ID_BIND_TRANSMITTER_RESP, ByteBuffer.wrap(answer, 4, 4).getInt());
            }
            await().atMost(WAIT).until(() -> refused(g, "tls_handshake") >= 1);
        }
    }

    @Test
    void aClientThatNeverStartsTheHandshakeIsClosedAfterTheHandshakeTimeout() throws Exception {
        // bindTimeoutSeconds is 60: a close well before that is the handshake bound's doing
        try (Gateway g = start("none", "[127.0.0.1]", 1);
             Socket silent = new Socket("127.0.0.1", tlsPort(g))) {
            silent.setSoTimeout(40_000);
            assertEquals(-1, silent.getInputStream().read(), "closed, without a byte");
            await().atMost(WAIT).until(() -> refused(g, "tls_handshake") >= 1);
        }
    }

    @Test
    void aSourceNoTenantMayBindFromIsClosedBeforeAnyTlsWork() throws Exception {
        try (Gateway g = start("none", "[10.0.0.0/8]", 1)) {
            assertThrows(Exception.class, () -> SmppTls.shownBy(tlsPort(g), pki, "ca"));
            await().atMost(WAIT).until(() -> refused(g, "source_not_allowed") >= 1);
            assertEquals(0, refused(g, "tls_handshake"), "no handshake was even begun");
        }
    }

    /** A bind_transmitter PDU as raw bytes, the way a client that forgot TLS would send it. */
    private static byte[] bindTransmitter(String systemId, String password) {
        byte[] id = (systemId + "\0").getBytes();
        byte[] pw = (password + "\0").getBytes();
        ByteBuffer b = ByteBuffer.allocate(16 + id.length + pw.length + 1 + 3 + 1);
        b.putInt(b.capacity()).putInt(SmppConstants.CMD_ID_BIND_TRANSMITTER).putInt(0).putInt(1);
        b.put(id).put(pw).put((byte) 0).put((byte) 0x34).put((byte) 0).put((byte) 0).put((byte) 0);
        return b.array();
    }

    private static byte[] readUntilClosed(InputStream in) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[512];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            throw new AssertionError("the gateway kept the connection open", e);
        }
        return out.toByteArray();
    }
}
