package io.edgegw.core.admin;

import io.edgegw.core.Gateway;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AdminServerTest {
    @TempDir
    Path dir;

    @Test
    void operatorsSeeHealthBindsAndMetricsOnTheEphemeralAdminPort() throws Exception {
        try (Gateway g = Gateway.start(TestConfigs.oneTenantOneCarrier(dir), List.of())) {
            InetSocketAddress admin = g.listeners().get("admin");
            assertTrue(admin.getPort() > 0);
            TestBind bind = new TestBind("telco", "telco/a#1", 10);
            g.registerCarrierBind(bind);
            TestAck ack = new TestAck();
            g.ingress().submit("acme", TestConfigs.sms("447700900001", false), ack, 1);
            await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.containsKey(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> bind.offered.size() == 1); // one window slot taken

            HttpClient http = HttpClient.newHttpClient();
            String base = "http://127.0.0.1:" + admin.getPort();
            HttpResponse<String> health = http.send(HttpRequest.newBuilder(URI.create(base + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode());
            assertEquals("ok", health.body());
            String binds = http.send(HttpRequest.newBuilder(URI.create(base + "/api/binds")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertEquals("[{\"carrier\":\"telco\",\"name\":\"telco/a#1\",\"state\":\"BOUND\",\"carrierState\":\"ACTIVE\",\"mode\":\"ENABLED\",\"windowFree\":9}]", binds);
            HttpResponse<String> action = http.send(HttpRequest.newBuilder(URI.create(base + "/api/carriers/telco/disable"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(403, action.statusCode(), "no admin.token configured: operator actions are refused");
            assertTrue(bind.enabledCalls.isEmpty());
            String metrics = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(metrics.contains("edge_tenant_submits_accepted_total{tenant=\"acme\"} 1.0"), metrics);
            assertTrue(metrics.contains("edge_carrier_binds{carrier=\"telco\",state=\"bound\"} 1.0"), metrics);
            assertTrue(metrics.contains("edge_carrier_window_in_use{carrier=\"telco\"} 1.0"), metrics);
            assertTrue(metrics.contains("edge_carrier_window_size{carrier=\"telco\"} 10.0"), metrics);
            assertTrue(metrics.contains("edge_bind_bound{bind=\"telco/a#1\",carrier=\"telco\"} 1.0"), metrics);
            assertTrue(metrics.contains("edge_bind_window_in_use{bind=\"telco/a#1\",carrier=\"telco\"} 1.0"), metrics);
            // the message is read and unanswered: its age shows, and the JVM and process are there too
            double age = value(metrics, "edge_tenant_oldest_message_age_seconds{tenant=\"acme\"}");
            assertTrue(age > 0, "age " + age);
            assertTrue(metrics.contains("jvm_memory_used_bytes{"), "JVM metrics");
            assertTrue(metrics.contains("process_cpu_usage "), "process metrics");

            bind.answered();
            g.carrierListener().submitResponded(bind, bind.offered.get(0), 0, "c-1");
            await().atMost(Duration.ofSeconds(10)).until(() -> http.send(HttpRequest.newBuilder(URI.create(base
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body()
                    .contains("edge_carrier_response_seconds_count{carrier=\"telco\"} 1"));
            String after = http.send(HttpRequest.newBuilder(URI.create(base + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertTrue(after.contains("edge_carrier_response_seconds_bucket{carrier=\"telco\",le=\"10.0\"} 1"), after);
            // nothing in flight once answered and its correlation journaled
            await().atMost(Duration.ofSeconds(10)).until(() -> value(http.send(HttpRequest.newBuilder(URI.create(base
                    + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body(),
                    "edge_tenant_oldest_message_age_seconds{tenant=\"acme\"}") == 0.0);
        }
    }

    private static double value(String scrape, String series) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        throw new AssertionError(series + " not in the scrape");
    }
}
