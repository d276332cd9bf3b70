package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.load.LoadConfig;
import io.edgegw.simulator.load.LoadGenerator;
import io.edgegw.simulator.load.LoadReport;
import io.edgegw.simulator.smsc.OutcomeMix;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Steering real carriers (simulated SMSCs over real SMPP binds): an operator disables one through the admin API
 * and its binds unbind while its traffic moves; a carrier that accepts everything but delivers little is found by
 * its receipts and loses the traffic. Nothing acknowledged is lost either way.
 */
class CarrierSteeringTest {
    private static final String TOKEN = "steering-test-token-0123";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path storage;

    private static Gateway gateway(Path storage, int portA, int portB, String quality) {
        return Gateway.start(GatewayFixture.twoCarriers(storage, TOKEN, portA, portB, quality));
    }

    private static LoadReport load(Gateway g, int messages, int rate) throws Exception {
        LoadReport r = new LoadGenerator(new LoadConfig("127.0.0.1", g.listeners().get("smpp").getPort(), "acme",
                "acme", 2, messages, 0, rate, 100, "1000", "4470", 1_000_000, true, 30, 10, 60, false),
                new PrintStream(OutputStream.nullOutputStream())).run();
        assertEquals(messages, r.acknowledged());
        assertEquals(messages, r.receiptsMatched(), "every acknowledged message receipted: nothing lost");
        return r;
    }

    private JsonNode api(Gateway g, String method, String path) throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + g.listeners().get("admin").getPort() + path)).header("Authorization", "Bearer " + TOKEN)
                .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private boolean bindsOf(Gateway g, String carrier, String state) throws Exception {
        long n = 0;
        for (JsonNode b : api(g, "GET", "/api/binds")) {
            if (b.get("carrier").asText().equals(carrier)) {
                if (!b.get("state").asText().equals(state)) {
                    return false;
                }
                n++;
            }
        }
        return n == 2;
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aCarrierDisabledByAnOperatorUnbindsLosesItsTrafficAndTakesItBackWhenEnabled() throws Exception {
        SmscConfig sim = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        try (SimulatedSmsc a = SimulatedSmsc.start(sim); SimulatedSmsc b = SimulatedSmsc.start(sim);
             Gateway g = gateway(storage, a.port(), b.port(), "{}")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bindsOf(g, "telco-a", "BOUND") && bindsOf(g, "telco-b", "BOUND"));
            load(g, 300, 1_000); // paced, so telco-a's windows never fill and it takes (nearly) all
            long toA = a.counters().submitsReceived();
            assertTrue(toA > 150, "telco-a is first: " + toA);

            assertEquals("ENABLED", api(g, "POST", "/api/carriers/telco-a/disable").get("was").asText());
            await().atMost(Duration.ofSeconds(10)).until(() -> bindsOf(g, "telco-a", "DISABLED"));
            long toB = b.counters().submitsReceived();
            load(g, 300, 1_000);
            assertEquals(toA, a.counters().submitsReceived(), "nothing more to the disabled carrier");
            assertEquals(toB + 300, b.counters().submitsReceived());
            assertEquals(2, a.counters().binds(), "it did not bind again while disabled");

            api(g, "POST", "/api/carriers/telco-a/enable");
            await().atMost(Duration.ofSeconds(10)).until(() -> bindsOf(g, "telco-a", "BOUND"));
            load(g, 100, 1_000);
            assertTrue(a.counters().submitsReceived() > toA, "back to the first carrier once enabled");
        }
    }

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aGreyRouteIsFoundByItsReceiptsAndLosesItsTraffic() throws Exception {
        SmscConfig good = SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge");
        SmscConfig grey = good.withOutcomes(OutcomeMix.parse("DELIVRD=1,UNDELIV=9"));
        try (SimulatedSmsc a = SimulatedSmsc.start(grey); SimulatedSmsc b = SimulatedSmsc.start(good);
             Gateway g = gateway(storage, a.port(), b.port(), "{ minDeliveredRatio: 0.5, restSeconds: 600 }")) {
            await().atMost(Duration.ofSeconds(10)).until(() -> bindsOf(g, "telco-a", "BOUND") && bindsOf(g, "telco-b", "BOUND"));
            LoadReport r = load(g, 2_000, 500);
            long toA = a.counters().submitsReceived();
            long toB = b.counters().submitsReceived();
            System.out.printf("grey route: telco-a took %d, telco-b %d; receipts %s%n", toA, toB, r.receiptsByStat());
            assertEquals(2_000, toA + toB);
            assertTrue(toB > 1_000, "most traffic moved to the carrier that delivers: a " + toA + ", b " + toB);
            JsonNode carriers = api(g, "GET", "/api/carriers");
            assertEquals("INACTIVE", carriers.get(0).get("quality").asText(), carriers.toString());
            assertEquals("INACTIVE", carriers.get(0).get("state").asText(), "its binds are up, its receipts are not");
            assertTrue(carriers.get(0).get("delivered").asDouble() < 0.5, carriers.toString());
        }
    }
}
