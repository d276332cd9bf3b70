package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.pdu.SubmitSmResp;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The gateway runs as its own process, journals the carrier message ids of its messages and is killed with SIGKILL
 * (no close, no shutdown hook: the on-disk index is left as that moment found it, possibly behind the journal). Started
 * again on the same directory, with room for one correlation in memory, it matches every receipt for those messages;
 * and a message it sends again after the kill gets the receipt of every copy the carrier took.
 */
class LateReceiptsAfterKillTest {
    private static final int MESSAGES = 300;

    @TempDir
    Path dir;

    @Test
    @Timeout(180)
    void receiptsForMessagesCorrelatedBeforeAKillNineAreMatchedAfterTheRestart() throws Exception {
        int carrierPort;
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        Path config = writeConfig(carrierPort, ", correlationsInMemory: 1", "");

        try (CloudhopperCarrier carrier = new CloudhopperCarrier(carrierPort)) {
            Map<String, String> sent = new LinkedHashMap<>();
            Process gateway = LaunchedGateway.spawn(config);
            try {
                Map<String, Integer> ports = LaunchedGateway.listeners(gateway);
                try (CloudhopperTenant acme = new CloudhopperTenant(ports.get("smpp"), "acme", "acme-pw",
                        SmppBindType.TRANSMITTER)) {
                    for (int i = 1; i <= MESSAGES; i++) {
                        SubmitSmResp resp = acme.submit("4479400" + i, "k" + i);
                        assertEquals(SmppConstants.STATUS_OK, resp.getCommandStatus());
                        sent.put("k" + i, resp.getMessageId());
                    }
                }
                // every carrier message id is journaled once nothing of acme's is left in flight
                URI metrics = URI.create("http://127.0.0.1:" + ports.get("admin") + "/metrics");
                await().atMost(Duration.ofSeconds(30)).until(() -> scrape(metrics)
                        .contains("edge_tenant_inbound_depth{tenant=\"acme\"} 0.0"));
            } finally {
                gateway.destroyForcibly(); // SIGKILL
                gateway.waitFor();
            }
            assertEquals(137, gateway.exitValue(), "killed by SIGKILL");

            try (Gateway g = Gateway.start(ConfigLoader.load(config));
                 CloudhopperTenant acme = new CloudhopperTenant(g.listeners().get("smpp").getPort(), "acme",
                         "acme-pw", SmppBindType.RECEIVER)) {
                for (String text : sent.keySet()) {
                    carrier.sendReceiptAsync(carrier.idOf(text), 60_000);
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acme.receipts().size() >= MESSAGES);
                Set<String> receipted = new HashSet<>();
                acme.receipts().forEach(r -> receipted.add(r.receiptedMessageId()));
                assertEquals(new HashSet<>(sent.values()), receipted);
            }
        }
    }

    /**
     * A kill -9 with one message's submit_sm_resp still to come (k1) and the next one answered, its carrier id
     * journaled, but not past the committed read position (k2, behind k1). After the restart both go to the carrier
     * again. The tenant gets k1's receipt from its second copy (its first copy has no carrier id the gateway knows),
     * and k2's once for each copy the carrier took: the same gateway id twice, a duplicate rather than none.
     */
    @Test
    @Timeout(180)
    void messagesSentAgainAfterAKillNineGetTheReceiptOfEveryCopyTheCarrierTook() throws Exception {
        int carrierPort;
        try (ServerSocket reserve = new ServerSocket(0)) {
            carrierPort = reserve.getLocalPort();
        }
        Path config = writeConfig(carrierPort, "", ", responseTimeoutMillis: 600000");
        AtomicBoolean firstK1 = new AtomicBoolean(true);
        try (CloudhopperCarrier carrier = new CloudhopperCarrier(carrierPort,
                text -> text.equals("k1") && firstK1.getAndSet(false))) {
            String k1;
            String k2;
            Process gateway = LaunchedGateway.spawn(config);
            try {
                Map<String, Integer> ports = LaunchedGateway.listeners(gateway);
                try (CloudhopperTenant acme = new CloudhopperTenant(ports.get("smpp"), "acme", "acme-pw",
                        SmppBindType.TRANSMITTER)) {
                    k1 = acme.submit("447940001", "k1").getMessageId();
                    k2 = acme.submit("447940002", "k2").getMessageId();
                }
                // k2's carrier id is in memory only once it is journaled; k1 has no answer, and gets none
                URI metrics = URI.create("http://127.0.0.1:" + ports.get("admin") + "/metrics");
                await().atMost(Duration.ofSeconds(30)).until(() -> carrier.idsOf("k2").size() == 1
                        && scrape(metrics).contains("edge_correlations_in_memory 1.0"));
                assertEquals(1, carrier.offered("k1"));
            } finally {
                gateway.destroyForcibly(); // SIGKILL
                gateway.waitFor();
            }
            assertEquals(137, gateway.exitValue(), "killed by SIGKILL");

            try (Gateway g = Gateway.start(ConfigLoader.load(config));
                 CloudhopperTenant acme = new CloudhopperTenant(g.listeners().get("smpp").getPort(), "acme",
                         "acme-pw", SmppBindType.RECEIVER)) {
                await().atMost(Duration.ofSeconds(30)).until(() -> carrier.idsOf("k1").size() == 1
                        && carrier.idsOf("k2").size() == 2);
                for (String text : List.of("k1", "k2")) {
                    for (String id : carrier.idsOf(text)) {
                        carrier.sendReceiptAsync(id, 60_000);
                    }
                }
                await().atMost(Duration.ofSeconds(30)).until(() -> acme.receipts().size() >= 3);
                Map<String, Long> receiptsById = acme.receipts().stream().collect(
                        Collectors.groupingBy(CloudhopperTenant.Receipt::receiptedMessageId, Collectors.counting()));
                assertEquals(Map.of(k1, 1L, k2, 2L), receiptsById);
                assertEquals(2, carrier.offered("k1"));
                assertEquals(2, carrier.offered("k2"));
            }
        }
    }

    /** One tenant, acme; one carrier, telco, one bind; {@code storage} and {@code carrier} add to their sections. */
    private Path writeConfig(int carrierPort, String storage, String carrier) throws IOException {
        Path config = dir.resolve("edge.yaml");
        Files.writeString(config, """
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s'%s }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw }
                carriers:
                  - { id: telco, systemId: edge, password: edge, bindsPerEndpoint: 1, window: 50,
                      reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }]%s }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(dir.resolve("queues").toAbsolutePath(), storage, carrierPort, carrier));
        return config;
    }

    private static String scrape(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
