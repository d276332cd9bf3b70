package io.edgegw.core.usage;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.config.UsageConfig;
import io.edgegw.core.spi.SubmitIngress;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.UsageSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code usage.enabled: false} (for a benchmark with and without metering): messages are still acknowledged, but no
 * usage journal is opened, no reader runs, nothing is exported, and {@code /api/usage} says metering is off.
 */
class UsageMeteringOffTest {
    @TempDir
    Path dir;

    @Test
    void withMeteringOffMessagesAreAcknowledgedAndNoUsageIsKeptAndTheApiSaysSo() throws Exception {
        GatewayConfig config = UsageSupport.config(dir);
        config = config.withUsage(config.usage().disabled());
        try (Gateway g = Gateway.start(config, List.of())) {
            TestAck ack = new TestAck();
            for (int i = 0; i < 20; i++) {
                assertEquals(SubmitIngress.TAKEN, g.ingress().submit("acme", UsageSupport.gsm("44770090" + i, 20),
                        ack, i));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.size() == 20);
            assertTrue(ack.answers.values().stream().noneMatch(a -> a.startsWith("!")), ack.answers.toString());

            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                    "http://127.0.0.1:" + g.listeners().get("admin").getPort() + "/api/usage?tenant=acme"))
                    .header("Authorization", "Bearer " + UsageSupport.TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            assertTrue(new ObjectMapper().readTree(r.body()).get("error").asText().contains("usage.enabled: false"),
                    r.body());
            assertNull(g.usage());
            assertNull(g.meters().find("edge_usage_events").counter(), "no reader, so no reader's meters");
            assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith(
                    "edge-usage")), "no usage thread");
        }
        assertFalse(Files.exists(dir.resolve("usage")), "no usage journal");
        assertFalse(Files.exists(dir.resolve("usage-files")), "no usage files");
        assertEquals(20, UsageSupport.inboundRecords(dir, "acme"));
    }

    @Test
    void withMeteringOnTheSameGatewayKeepsUsage() throws Exception {
        // the counterpart, so the test above cannot pass for a reason that has nothing to do with the switch
        assertTrue(UsageConfig.DEFAULTS.enabled());
        try (Gateway g = Gateway.start(UsageSupport.config(dir), List.of())) {
            TestAck ack = new TestAck();
            assertEquals(SubmitIngress.TAKEN, g.ingress().submit("acme", UsageSupport.gsm("4477009000", 20), ack, 1));
            await().atMost(Duration.ofSeconds(10)).until(() -> g.usage().totals("acme") != null);
        }
        assertTrue(Files.isDirectory(dir.resolve("usage")));
    }
}
