package io.edgegw.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Operators see each carrier bind's state, since when and why, at /api/binds. */
class BindStatusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path storage;

    private static JsonNode binds(Gateway g) throws Exception {
        return JSON.readTree(HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + g.listeners().get("admin").getPort() + "/api/binds")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void aBindThatCannotConnectSaysWhyAndABoundOneSaysSince() throws Exception {
        int closed;
        try (ServerSocket reserve = new ServerSocket(0)) {
            closed = reserve.getLocalPort();
        }
        try (Gateway g = GatewayFixture.start(storage.resolve("a"), closed)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                JsonNode b = binds(g).get(0);
                return b.get("state").asText().equals("DOWN") && b.get("reason").asText().startsWith("connect failed");
            });
            // no bind of the carrier is bound, so the carrier takes nothing
            assertEquals("INACTIVE", binds(g).get(0).get("carrierState").asText());
            // each new attempt after the failure is counted as a reconnect
            await().atMost(Duration.ofSeconds(10)).until(() -> HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + g.listeners().get("admin").getPort() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body().lines()
                    .anyMatch(l -> l.startsWith("edge_carrier_reconnects_total{carrier=\"carrier-a\"}") && !l.endsWith(" 0.0")));
        }
        try (SimulatedSmsc smsc = SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0).withCredentials("edge", "edge"));
             Gateway g = GatewayFixture.start(storage.resolve("b"), smsc.port())) {
            await().atMost(Duration.ofSeconds(10)).until(() -> binds(g).size() == 2
                    && binds(g).findValuesAsText("state").stream().allMatch("BOUND"::equals));
            for (JsonNode b : binds(g)) {
                assertEquals("carrier-a", b.get("carrier").asText());
                assertEquals("ACTIVE", b.get("carrierState").asText(), "the carrier's state beside the bind's");
                assertEquals("bound", b.get("reason").asText());
                assertTrue(!Instant.parse(b.get("since").asText()).isAfter(Instant.now()));
                assertTrue(b.get("forSeconds").asLong() >= 0);
                assertEquals(100, b.get("windowFree").asInt());
            }
            // binding at start is not a reconnect
            String scrape = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                    + g.listeners().get("admin").getPort() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(scrape.contains("edge_carrier_reconnects_total{carrier=\"carrier-a\"} 0.0"), scrape);
        }
    }
}
