package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * MO from a carrier (Cloudhopper's SMSC) to a tenant's numbers: each is one MO usage event with its segments and the
 * sender's country, rated at the tenant plan's MO price for the number it was sent to, counted once across a restart;
 * receipts and MO nobody owns are not MO usage.
 */
class MoUsageTest {
    private static final String TOKEN = "mo-usage-token-2718281";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path storage;

    private Gateway gateway(int carrierPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                tenants:
                  - { id: acme, systemId: acme, password: acme, numbers: ['4470009', '3375000'] }
                carriers:
                  - { id: telco, systemId: edge, password: edge, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                pricing:
                  plans:
                    - id: std
                      currency: EUR
                      sms: [{ prefix: '', price: '0.0500' }]
                      smsMo: [{ prefix: '', price: '0.0100' }, { prefix: '4470009', price: '0.0035' }]
                  tenants: { acme: std }
                """.formatted(TOKEN, storage.toAbsolutePath(), carrierPort)));
    }

    private static JsonNode usage(Gateway g) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.listeners().get("admin").getPort()
                + "/api/usage?tenant=acme")).header("Authorization", "Bearer " + TOKEN).build();
        return JSON.readTree(HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void eachMoToATenantsNumberIsOneMoEventRatedAtItsMoPriceOnceAcrossARestart() throws Exception {
        int carrierPort;
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(carrierPort)) {
            try (Gateway g = gateway(carrierPort)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !carrier.sessions.isEmpty());
                for (int i = 0; i < 3; i++) { // from the UK to the 4470009 number: 1 segment each
                    assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("447911000" + i, "44700091234", "mo " + i));
                }
                // from France to the 3375000 number, 200 GSM characters: 2 segments of 153
                assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("33612000001", "33750001234", "y".repeat(200)));
                assertEquals(SMPPConstant.STAT_ESME_RINVDSTADR, carrier.sendMo("447911000", "99999", "nobody's"));
                // 3 x 1 x 0.0035 + 1 x 2 x 0.0100 = 0.0305 -> 0.03 (half-even)
                await().atMost(Duration.ofSeconds(20)).until(() -> usage(g).get("moMessages").asLong() == 4);
                JsonNode u = usage(g);
                assertEquals(5, u.get("moSegments").asLong(), u.toString());
                assertEquals("0.03", u.get("amount").asText(), u.toString());
                assertEquals(0, u.get("messages").asLong(), u.toString());
                assertEquals(0, u.get("segments").asLong(), "MO is not counted toward the MT tiers: " + u);
            }
            // started again: nothing counted twice, and one more MO is counted once
            try (Gateway g = gateway(carrierPort)) {
                await().atMost(Duration.ofSeconds(10)).until(() -> !carrier.sessions.isEmpty()
                        && carrier.sessions.stream().allMatch(s -> s.isBound()));
                assertEquals(SMPPConstant.STAT_ESME_ROK, carrier.sendMo("4479110009", "44700091234", "after"));
                await().atMost(Duration.ofSeconds(20)).until(() -> usage(g).get("moMessages").asLong() == 5);
                JsonNode u = usage(g);
                assertEquals(6, u.get("moSegments").asLong(), u.toString());
                // 0.0305 + 0.0035 = 0.0340 -> 0.03
                assertEquals("0.03", u.get("amount").asText(), u.toString());
            }
        }
        List<UsageRecord> mo = UsageEvents.read(storage).stream().filter(e -> e.kind() == UsageRecord.MO).toList();
        assertEquals(5, mo.size(), mo.toString());
        assertEquals(List.of("44", "44", "44", "33", "44"), mo.stream().map(UsageRecord::country).toList());
        assertEquals(List.of(1, 1, 1, 2, 1), mo.stream().map(UsageRecord::segments).toList());
        assertEquals("33750001234", mo.get(3).destination());
        assertEquals(5, mo.stream().map(UsageRecord::sourceIndex).distinct().count(), "one event per MO");
    }
}
