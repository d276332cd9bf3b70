package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, no poison deliveries: a receipt or MO its tenant refuses every time moves to the tenant's dead-letter
 * queue after {@code maxDeliveryAttempts}, the deliveries behind it keep flowing, and an operator lists, replays or
 * purges it through the admin API.
 */
class DeadLetterTest {
    private static final String TOKEN = "dead-letters-test-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path storage;

    private Gateway start(int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: '%s' }
                storage: { dir: '%s' }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, numbers: ['4470009'], maxDeliveryAttempts: 3 }
                  - { id: other, systemId: other, password: other-pw, numbers: ['4470008'] }
                carriers:
                  - { id: telco, systemId: edge, password: edge, reconnectDelayMillis: 100,
                      endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(TOKEN, storage.toAbsolutePath(), carrierPort)));
    }

    private static int freePort() throws Exception {
        try (ServerSocket reserve = new ServerSocket(0)) {
            return reserve.getLocalPort();
        }
    }

    private static HttpResponse<String> call(Gateway g, String method, String path, String token) throws Exception {
        HttpRequest.Builder r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + g.listeners().get("admin").getPort() + path)).timeout(Duration.ofSeconds(5))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            r.header("Authorization", "Bearer " + token);
        }
        return HTTP.send(r.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode ok(HttpResponse<String> response) throws Exception {
        assertEquals(200, response.statusCode(), response.body());
        return JSON.readTree(response.body());
    }

    private static JsonNode letters(Gateway g, String tenant) throws Exception {
        return ok(call(g, "GET", "/api/tenants/" + tenant + "/dead-letters", TOKEN)).get("letters");
    }

    private static List<String> texts(CloudhopperTenant tenant) {
        return tenant.receipts().stream().map(CloudhopperTenant.Receipt::text).toList();
    }

    private static double acme(Gateway g, String name) {
        return g.meters().get(name).tag("tenant", "acme").meter().measure().iterator().next().getValue();
    }

    @Test
    void aDeliveryTheTenantAlwaysRefusesIsDeadLetteredAndReplayedOnceItStopsRefusing() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = start(port);
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.TRANSCEIVER)) {
            acme.refuse = "mo poison"::equals;
            await().atMost(Duration.ofSeconds(10)).until(() -> !carrier.sessions.isEmpty());
            assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("447911000001", "4470009123", "mo poison"));
            for (int i = 0; i < 5; i++) {
                assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("447911000002", "4470009123", "mo " + i));
            }

            // the deliveries behind it keep flowing while it is refused and offered again
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(acme).size() == 5);
            await().atMost(Duration.ofSeconds(30)).until(() -> letters(gateway, "acme").size() == 1);
            JsonNode letter = letters(gateway, "acme").get(0);
            assertEquals("mo", letter.get("kind").asText());
            assertEquals("447911000001", letter.get("source").asText());
            assertEquals("4470009123", letter.get("dest").asText());
            assertEquals(3, letter.get("attempts").asInt());
            assertEquals(CloudhopperTenant.REFUSAL, letter.get("lastStatus").asInt());
            assertEquals("refused", letter.get("reason").asText());
            assertEquals(3, acme.refused.get());
            assertEquals(1.0, acme(gateway, "edge_tenant_dead_letters"));
            await().atMost(Duration.ofSeconds(10)).until(() -> acme(gateway, "edge_tenant_outbound_depth") == 0);

            // nobody else sees it: not another tenant's route, not a caller without the token
            assertEquals(0, letters(gateway, "other").size());
            assertEquals(401, call(gateway, "GET", "/api/tenants/acme/dead-letters", null).statusCode());
            assertEquals(401, call(gateway, "GET", "/api/tenants/acme/dead-letters", "other-tenants-token!!").statusCode());
            assertEquals(404, call(gateway, "GET", "/api/tenants/nobody/dead-letters", TOKEN).statusCode());

            acme.refuse = text -> false;
            JsonNode replayed = ok(call(gateway, "POST", "/api/tenants/acme/dead-letters/replay", TOKEN));
            assertEquals(1, replayed.get("settled").asInt());
            assertEquals(letter.get("index").asLong(), replayed.get("through").asLong());
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(acme).contains("mo poison"));
            assertEquals(0, letters(gateway, "acme").size());
            assertEquals(0, ok(call(gateway, "POST", "/api/tenants/acme/dead-letters/replay", TOKEN))
                    .get("settled").asInt(), "a replayed letter is settled: not replayed twice");
        }
    }

    /**
     * An ESME may answer an error with the response's header alone (SMPP 3.4 omits the body of a response whose status
     * is not 0). That answer is the tenant's refusal: it counts, rather than being dropped as malformed and the delivery
     * waiting out its window timeout.
     */
    @Test
    void aRefusalAnsweredWithAHeaderAloneCountsAsTheTenantsAnswer() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = start(port);
             SmppPeer acme = new SmppPeer("127.0.0.1", GatewayFixture.smppPort(gateway))) {
            assertEquals(SMPPConstant.STAT_ESME_ROK, acme.bind("acme", "acme-pw"));
            await().atMost(Duration.ofSeconds(10)).until(() -> !carrier.sessions.isEmpty());
            assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("447911000001", "4470009123", "header only"));
            for (int attempt = 1; attempt <= 3; attempt++) {
                SmppPeer.Header deliver = acme.read();
                while (deliver.commandId() == SMPPConstant.CID_ENQUIRE_LINK) {
                    acme.send(header(SMPPConstant.CID_ENQUIRE_LINK_RESP, 0, deliver.sequence()));
                    deliver = acme.read();
                }
                assertEquals(SMPPConstant.CID_DELIVER_SM, deliver.commandId(), "attempt " + attempt);
                acme.send(header(SMPPConstant.CID_DELIVER_SM_RESP, SMPPConstant.STAT_ESME_RX_T_APPN,
                        deliver.sequence()));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> letters(gateway, "acme").size() == 1);
            JsonNode letter = letters(gateway, "acme").get(0);
            assertEquals(3, letter.get("attempts").asInt());
            assertEquals(SMPPConstant.STAT_ESME_RX_T_APPN, letter.get("lastStatus").asInt(),
                    "the status of the header-only answer, not 'unanswered'");
            assertEquals("refused", letter.get("reason").asText());
        }
    }

    private static byte[] header(int commandId, int status, int sequence) {
        return java.nio.ByteBuffer.allocate(16).putInt(16).putInt(commandId).putInt(status).putInt(sequence).array();
    }

    @Test
    void aPurgedDeadLetterIsNeverDelivered() throws Exception {
        int port = freePort();
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(port);
             Gateway gateway = start(port);
             CloudhopperTenant acme = new CloudhopperTenant(GatewayFixture.smppPort(gateway), "acme", "acme-pw",
                     SmppBindType.RECEIVER)) {
            acme.refuse = text -> text.startsWith("drop me");
            await().atMost(Duration.ofSeconds(10)).until(() -> !carrier.sessions.isEmpty());
            carrier.sendMo("447911000001", "4470009123", "drop me 1");
            carrier.sendMo("447911000001", "4470009123", "drop me 2");
            await().atMost(Duration.ofSeconds(30)).until(() -> letters(gateway, "acme").size() == 2);

            JsonNode page = ok(call(gateway, "GET", "/api/tenants/acme/dead-letters?limit=1", TOKEN));
            assertEquals(1, page.get("letters").size());
            long first = page.get("letters").get(0).get("index").asLong();
            long second = page.get("next").asLong();
            JsonNode next = ok(call(gateway, "GET", "/api/tenants/acme/dead-letters?limit=1&from=" + second, TOKEN));
            assertEquals(second, next.get("letters").get(0).get("index").asLong());
            assertTrue(next.get("next").isNull());

            assertEquals(400, call(gateway, "POST", "/api/tenants/acme/dead-letters/purge", TOKEN).statusCode(),
                    "purging needs an explicit upTo");
            assertEquals(1, ok(call(gateway, "POST", "/api/tenants/acme/dead-letters/purge?upTo=" + first, TOKEN))
                    .get("settled").asInt());
            assertEquals(List.of(second), letters(gateway, "acme").findValues("index").stream()
                    .map(JsonNode::asLong).toList());
            assertEquals(1, ok(call(gateway, "POST", "/api/tenants/acme/dead-letters/purge?upTo=all", TOKEN))
                    .get("settled").asInt());
            assertEquals(0, letters(gateway, "acme").size());

            acme.refuse = text -> false;
            assertEquals(0, ok(call(gateway, "POST", "/api/tenants/acme/dead-letters/replay", TOKEN))
                    .get("settled").asInt());
            carrier.sendMo("447911000001", "4470009123", "after");
            await().atMost(Duration.ofSeconds(10)).until(() -> texts(acme).contains("after"));
            assertFalse(texts(acme).stream().anyMatch(t -> t.startsWith("drop me")), texts(acme).toString());
        }
    }
}
