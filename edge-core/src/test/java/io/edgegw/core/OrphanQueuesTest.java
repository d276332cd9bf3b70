package io.edgegw.core;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.config.GatewayConfig;
import io.edgegw.core.message.OutboundSubmit;
import io.edgegw.core.message.SmppStatus;
import io.edgegw.core.support.TestAck;
import io.edgegw.core.support.TestBind;
import io.edgegw.core.support.TestConfigs;
import io.edgegw.core.testing.GatewayConfigBuilder;
import io.edgegw.core.testing.GatewayConfigs;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant removed from the configuration leaves its queue directory behind: at start it is reported (a WARN, a
 * gauge, the admin API), with its size and whether it still holds messages never delivered, and never deleted.
 */
class OrphanQueuesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    private Gateway gateway;

    @AfterEach
    void stop() {
        if (gateway != null) {
            gateway.close();
        }
    }

    private GatewayConfig withTenants(String... extra) {
        GatewayConfigBuilder c = GatewayConfigs.from(TestConfigs.oneTenantOneCarrier(dir));
        for (String id : extra) {
            c.tenant(GatewayConfigs.tenant(id).window(10));
        }
        return c.build();
    }

    private void submit(String tenant, int n) {
        TestAck ack = new TestAck();
        for (int i = 0; i < n; i++) {
            assertEquals(0, gateway.ingress().submit(tenant, TestConfigs.sms("44770090" + (1000 + i), false), ack, i));
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> ack.answers.size() == n);
    }

    private JsonNode storageView() throws Exception {
        int port = gateway.listeners().get("admin").getPort();
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/storage")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private double orphanGauge() {
        return gateway.meters().get("edge_storage_orphan_queues").gauge().value();
    }

    @Test
    void removedTenantsQueuesAreReportedWithTheirUndeliveredMessagesAndKept() throws Exception {
        gateway = Gateway.start(withTenants("gone", "drained"), List.of());
        TestBind bind = new TestBind("telco", "telco/a#1", 10);
        submit("gone", 3); // no bind yet: these stay queued
        gateway.registerCarrierBind(bind);
        submit("drained", 2);
        await().atMost(Duration.ofSeconds(10)).until(() -> bind.offered.stream()
                .filter(s -> s.tenantId().equals("drained")).count() == 2);
        for (OutboundSubmit s : List.copyOf(bind.offered)) {
            if (s.tenantId().equals("drained")) {
                gateway.carrierListener().submitResponded(bind, s, SmppStatus.ESME_ROK, "c" + s.gatewayMessageId());
            }
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> gateway.control().status().get().tenants().stream()
                .filter(t -> t.id().equals("drained")).allMatch(t -> t.inboundDepth() == 0));
        // "gone"'s three went to the bind as well: unanswered, they are still in flight, not delivered
        gateway.close();
        Files.createDirectories(dir.resolve("tenants/not-a-queue/photos"));

        gateway = Gateway.start(withTenants(), List.of());
        assertEquals(2, orphanGauge());
        JsonNode orphans = storageView().get("orphanQueues");
        assertEquals(2, orphans.size(), orphans.toString());
        JsonNode drained = orphans.get(0);
        JsonNode gone = orphans.get(1);
        assertEquals("drained", drained.get("tenant").asText());
        assertEquals(0, drained.get("undeliveredMessages").asLong());
        assertEquals("gone", gone.get("tenant").asText());
        assertEquals(3, gone.get("undeliveredMessages").asLong());
        assertTrue(gone.get("bytes").asLong() > 0);
        assertEquals(dir.resolve("tenants/gone").toString(), gone.get("dir").asText());
        assertEquals("none", storageView().get("sync").asText());

        gateway.close();
        gateway = null;
        assertTrue(Files.isDirectory(dir.resolve("tenants/gone/inbound")), "never deleted");
        assertTrue(Files.isDirectory(dir.resolve("tenants/drained/inbound")), "not even when drained");
    }

    @Test
    void withEveryTenantConfiguredNothingIsReported() throws Exception {
        gateway = Gateway.start(withTenants(), List.of());
        assertEquals(0, orphanGauge());
        assertEquals(0, storageView().get("orphanQueues").size());
    }
}
