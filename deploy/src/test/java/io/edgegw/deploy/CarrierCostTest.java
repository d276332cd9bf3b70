package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Usage through two simulated carriers with different costs (Cloudhopper as the tenant): each carrier's acceptance is
 * a ROUTED event priced by its own cost list, each receipt a FINAL event, and /api/usage shows the exact cost and
 * margin a hand computation gives.
 */
class CarrierCostTest {
    private static final String TOKEN = "carrier-cost-token-4242";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path storage;

    private Gateway gateway(int portA, int portB) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme }
                carriers:
                  - { id: telco-a, systemId: edge, password: edge, endpoints: [{ host: 127.0.0.1, port: %d }] }
                  - { id: telco-b, systemId: edge, password: edge, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '44', carriers: [telco-a] }
                  - { prefix: '33', carriers: [telco-b] }
                pricing:
                  plans:
                    - { id: std, currency: EUR, sms: [{ prefix: '', price: '0.0500' }, { prefix: '44', price: '0.0400' }] }
                  tenants: { acme: std }
                  carriers:
                    telco-a: { currency: EUR, sms: [{ prefix: '', cost: '0.0100' }, { prefix: '44', cost: '0.0150' }] }
                    telco-b: { currency: EUR, sms: [{ prefix: '', cost: '0.0300' }, { prefix: '33', cost: '0.0250' }] }
                """.formatted(TOKEN, storage.toAbsolutePath(), portA, portB)));
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void eachCarriersCostAndTheMarginAreExactlyTheHandComputedOnes() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc a = SimulatedSmsc.start(sim); SimulatedSmsc b = SimulatedSmsc.start(sim);
             Gateway g = gateway(a.port(), b.port())) {
            try (CloudhopperTenant acme = new CloudhopperTenant(g.listeners().get("smpp").getPort(), "acme", "acme",
                    SmppBindType.TRANSCEIVER)) {
                for (int i = 0; i < 3; i++) {
                    assertEquals(0, acme.submit("4477009000" + i, "to telco-a " + i).getCommandStatus());
                }
                // 300 GSM characters as message_payload: 2 segments
                assertEquals(0, acme.submitPayload("447700900099", "x".repeat(300)).getCommandStatus());
                for (int i = 0; i < 2; i++) {
                    assertEquals(0, acme.submit("3361200000" + i, "to telco-b " + i).getCommandStatus());
                }
                // amount: 44 5 segments x 0.0400 + 33 2 x 0.0500 = 0.3000
                // cost: telco-a 5 x 0.0150 (its 44) + telco-b 2 x 0.0250 (its 33) = 0.1250, shown 0.12 (half-even)
                // margin: 0.3000 - 0.1250 = 0.1750, rounded once: 0.18
                HttpClient http = HttpClient.newHttpClient();
                HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + g.listeners().get("admin").getPort() + "/api/usage?tenant=acme"))
                        .header("Authorization", "Bearer " + TOKEN).build();
                await().atMost(Duration.ofSeconds(20)).until(() -> JSON.readTree(http.send(r,
                        HttpResponse.BodyHandlers.ofString()).body()).path("routed").asLong() == 6);
                JsonNode u = JSON.readTree(http.send(r, HttpResponse.BodyHandlers.ofString()).body());
                assertEquals(6, u.get("messages").asLong(), u.toString());
                assertEquals(7, u.get("segments").asLong(), u.toString());
                assertEquals("0.30", u.get("amount").asText(), u.toString());
                assertEquals("0.12", u.get("carrierCost").get("EUR").asText(), u.toString());
                assertEquals(0, u.get("costUnknown").asLong(), u.toString());
                assertEquals("0.18", u.get("margin").asText(), u.toString());
                // the receipts reach the tenant; each is a FINAL event
                await().atMost(Duration.ofSeconds(20)).until(() -> acme.receipts().size() == 5);
            }
        }
        List<UsageRecord> events = UsageEvents.read(storage);
        Map<Byte, List<UsageRecord>> byKind = events.stream().collect(Collectors.groupingBy(UsageRecord::kind));
        assertEquals(6, byKind.get(UsageRecord.ACCEPTED).size(), events.toString());
        List<UsageRecord> routed = byKind.get(UsageRecord.ROUTED);
        assertEquals(6, routed.size(), events.toString());
        for (UsageRecord e : routed) {
            assertEquals(e.destination().startsWith("44") ? "telco-a" : "telco-b", e.carrierId(), e.toString());
            assertEquals(e.destination().equals("447700900099") ? 2 : 1, e.segments(), e.toString());
        }
        assertEquals(routed.stream().map(UsageRecord::gatewayId).collect(Collectors.toSet()),
                byKind.get(UsageRecord.ACCEPTED).stream().map(UsageRecord::gatewayId).collect(Collectors.toSet()),
                "each accepted message routed once");
        // the payload one asked for no receipt: five FINAL events, each DELIVERED
        List<UsageRecord> finals = byKind.get(UsageRecord.FINAL);
        assertEquals(5, finals.size(), events.toString());
        assertTrue(finals.stream().allMatch(e -> e.messageState() == SmppStatus.STATE_DELIVERED), finals.toString());
    }
}
