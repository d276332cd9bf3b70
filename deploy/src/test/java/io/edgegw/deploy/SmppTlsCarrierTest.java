package io.edgegw.deploy;

import com.cloudhopper.commons.charset.CharsetUtil;
import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import io.edgegw.sipstack.transport.TestPki;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Carrier binds over TLS ({@code carriers[].tls}), against Cloudhopper ch-smpp's server as the SMSC: a bind comes up
 * only once the SMSC's certificate chains to the configured trust (and names the host dialled), and an SMSC that
 * fails that check is never sent a bind, let alone a message, while what tenants sent waits safely in its queue.
 */
class SmppTlsCarrierTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path pkiDir;
    static TestPki pki;

    @TempDir
    Path storage;

    @BeforeAll
    static void certificates() throws Exception {
        pki = TestPki.create(pkiDir);
        pki.issueServer("rogue-server", "rogue-ca"); // for 127.0.0.1 too, but from a CA the gateway does not trust
    }

    static int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    static Gateway start(Path storage, Path trusted, String host, int smscPort, boolean verifyHostname) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0, tlsReloadSeconds: 1 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: secure, systemId: edge, password: edge, reconnectDelayMillis: 100,
                      reconnectMaxDelayMillis: 500,
                      tls: { trustedCertificates: '%s', verifyHostname: %s },
                      endpoints: [{ host: %s, port: %d }] }
                routes:
                  - { prefix: '', carriers: [secure] }
                """.formatted(storage, trusted, verifyHostname, host, smscPort)));
    }

    static JsonNode bind(Gateway g) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + g.listeners().get("admin").getPort() + "/api/binds")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).get(0);
    }

    static double reconnects(Gateway g) {
        return g.meters().get("edge_carrier_reconnects").tag("carrier", "secure").counter().count();
    }

    static double waiting(Gateway g) {
        return g.meters().get("edge_tenant_inbound_depth").tag("tenant", "acme").gauge().value();
    }

    static String text(com.cloudhopper.smpp.pdu.SubmitSm submit) {
        return CharsetUtil.decode(submit.getShortMessage(), CharsetUtil.CHARSET_GSM);
    }

    private static void submit(Gateway g, String text) throws Exception {
        try (CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(g), "acme", "acme-pw",
                SmppBindType.TRANSMITTER)) {
            assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900003", text).getCommandStatus());
        }
    }

    @Test
    void aBindToAnSmscWithATrustedCertificateComesUpOverTlsAndCarriesMessages() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier smsc = new CloudhopperCarrier(port, SmppTls.cloudhopper(pki, "ca", "server"));
             Gateway g = start(storage, pki.pem("ca"), "127.0.0.1", port, true)) {
            await().atMost(WAIT).until(() -> bind(g).get("state").asText().equals("BOUND"));

            submit(g, "to a TLS carrier");

            await().atMost(WAIT).until(() -> smsc.submits.size() == 1);
            assertEquals("to a TLS carrier", text(smsc.submits.get(0)));
            await().atMost(WAIT).until(() -> waiting(g) == 0);
        }
    }

    @Test
    void receiptsComeBackToTheTenantOverATlsCarrierBind() throws Exception {
        // the carrier simulator's SMSC on a TLS port: it answers and sends receipts (deliver_sm) over the same bind
        try (SimulatedSmsc smsc = SimulatedSmsc.startTls(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge").withTiming(0, 10), pki.pem("server"), pki.key("server"));
             Gateway g = start(storage, pki.pem("ca"), "127.0.0.1", smsc.port(), true);
             CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(g), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            await().atMost(WAIT).until(() -> bind(g).get("state").asText().equals("BOUND"));

            String id = tenant.submit("447700900005", "receipt over TLS").getMessageId();

            await().atMost(WAIT).until(() -> !tenant.receipts().isEmpty());
            assertEquals(id, tenant.receipts().peek().receiptedMessageId());
            assertEquals(1, smsc.counters().submitsReceived());
        }
    }

    @Test
    void anSmscWhoseCertificateIsNotTrustedIsNeverBoundNorSentAnythingAndItsBindBacksOff() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier smsc = new CloudhopperCarrier(port, SmppTls.cloudhopper(pki, "ca", "rogue-server"));
             Gateway g = start(storage, pki.pem("ca"), "127.0.0.1", port, true)) {
            submit(g, "must not reach an impostor"); // acknowledged: it is on disk, and stays there

            await().atMost(WAIT).until(() -> reconnects(g) >= 3); // three handshakes failed, each retried later
            JsonNode b = bind(g);
            assertTrue(!b.get("state").asText().equals("BOUND"), b.toString());
            assertTrue(b.get("reason").asText().contains("TLS"), b.toString());
            assertEquals(0, smsc.bindRequests.get(), "no bind PDU, so no credentials, went to the impostor");
            assertEquals(0, smsc.submits.size());
            assertEquals(1, waiting(g), "the acknowledged message waits in its queue");
        }
    }

    @Test
    void aCertificateThatDoesNotNameTheHostDialledIsRefusedUnlessVerifyHostnameIsOff() throws Exception {
        int port = freePort();
        // the SMSC's certificate names IP 127.0.0.1 only; the gateway dials it as "localhost"
        try (CloudhopperCarrier smsc = new CloudhopperCarrier(port, SmppTls.cloudhopper(pki, "ca", "server"))) {
            try (Gateway g = start(storage.resolve("checked"), pki.pem("ca"), "localhost", port, true)) {
                await().atMost(WAIT).until(() -> reconnects(g) >= 2);
                assertTrue(bind(g).get("reason").asText().contains("TLS"), bind(g).toString());
                assertEquals(0, smsc.bindRequests.get());
            }
            try (Gateway g = start(storage.resolve("unchecked"), pki.pem("ca"), "localhost", port, false)) {
                await().atMost(WAIT).until(() -> bind(g).get("state").asText().equals("BOUND"));
            }
        }
    }

    @Test
    void trustFixedInTheFilesIsTakenWithoutARestartAndTheWaitingMessageThenFlows() throws Exception {
        int port = freePort();
        Path trust = storage.resolve("carrier-trust.pem");
        Files.createDirectories(storage);
        Files.copy(pki.pem("rogue-ca"), trust); // the wrong CA: the SMSC's certificate is not trusted yet
        try (CloudhopperCarrier smsc = new CloudhopperCarrier(port, SmppTls.cloudhopper(pki, "ca", "server"));
             Gateway g = start(storage.resolve("gw"), trust, "127.0.0.1", port, true)) {
            submit(g, "sent once trusted");
            await().atMost(WAIT).until(() -> reconnects(g) >= 2);
            assertEquals(0, smsc.bindRequests.get());

            Path next = storage.resolve("carrier-trust.pem.new");
            Files.copy(pki.pem("ca"), next);
            Files.move(next, trust, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);

            await().atMost(WAIT).until(() -> bind(g).get("state").asText().equals("BOUND"));
            await().atMost(WAIT).until(() -> smsc.submits.size() == 1);
            assertEquals("sent once trusted", text(smsc.submits.get(0)));
            assertEquals(1.0, g.meters().get("edge_smpp_tls_reloads").tag("outcome", "ok").counter().count());
        }
    }
}
