package io.edgegw.sip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.testing.UsageEvents;
import io.edgegw.core.usage.UsageRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
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

/**
 * Calls through the SIP proxy (SIPp as the tenant's phone system and as the carrier's trunk) are metered: each answered
 * call is one CALL event, billed by the plan's increment against the carrier's per-minute cost, in /api/usage and in
 * the tenant's billable-seconds counter.
 */
@Timeout(90)
class CallUsageTest {
    private static final String TOKEN = "call-usage-token-1618033";
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir(cleanup = CleanupMode.ON_SUCCESS) // sipp's traces stay behind when a test fails
    Path dir;

    private static Gateway start(Path storage, int trunkPort) {
        return Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0, token: %s }
                storage: { dir: '%s', minFreeMegabytes: 0 }
                sip: { enabled: true, host: 127.0.0.1, port: 0, transport: udp }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, sipSources: [127.0.0.1/32] }
                carriers:
                  - { id: first, sip: { host: 127.0.0.1, port: %d, transport: udp, probe: { intervalMillis: 0 } } }
                routes:
                  - { prefix: '447', carriers: [first] }
                pricing:
                  plans:
                    - id: std
                      currency: EUR
                      sms: [{ prefix: '', price: '0.0500' }]
                      voice: [{ prefix: '', perMinute: '0.0200', increment: 60/60 }, { prefix: '447', perMinute: '0.0120', increment: 60/60 }]
                  tenants: { acme: std }
                  carriers:
                    first: { currency: EUR, voice: [{ prefix: '', costPerMinute: '0.0060', increment: 60/60 }] }
                """.formatted(TOKEN, storage.toAbsolutePath(), trunkPort)),
                List.of(new SipConnectorFactory()));
    }

    private static JsonNode usage(Gateway g) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + g.listeners().get("admin").getPort()
                + "/api/usage?tenant=acme")).header("Authorization", "Bearer " + TOKEN).build();
        return JSON.readTree(HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body());
    }

    @Test
    void answeredCallsShowTheirBilledMinutesAmountCostAndMarginInTheUsageApi() throws Exception {
        int trunkPort = Sipp.freeUdpPort();
        Path storage = dir.resolve("queues");
        long answeredSeconds = 0;
        try (Gateway gateway = start(storage, trunkPort)) {
            InetSocketAddress sip = gateway.listeners().get("sip");
            Sipp trunk = Sipp.start(dir.resolve("trunk"), "trunk", trunkPort, "-sn", "uas", "-m", "3");
            // each call lasts 1.5 s: one minute billed at 60/60, by the plan and by the carrier
            Sipp caller = Sipp.start(dir.resolve("caller"), "caller", Sipp.freeUdpPort(), "-sn", "uac",
                    sip.getAddress().getHostAddress() + ":" + sip.getPort(), "-s", "4470000001", "-m", "3", "-r", "3",
                    "-d", "1500");
            try {
                assertEquals(0, caller.exitCode(), () -> "every call should succeed:\n" + Sipp.reports(caller, trunk));
                assertEquals(0, trunk.exitCode(), () -> Sipp.reports(caller, trunk));
            } finally {
                caller.stop();
                trunk.stop();
            }
            List<JsonNode> cdrs = await().until(() -> CallRecords.read(storage), l -> l.size() >= 3);
            for (JsonNode cdr : cdrs) {
                assertTrue(cdr.get("durationSeconds").asLong() >= 1, cdr.toString());
                answeredSeconds += cdr.get("durationSeconds").asLong();
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> usage(gateway).get("calls").asLong() == 3);
            JsonNode u = usage(gateway);
            assertEquals(180, u.get("billedSeconds").asLong(), u.toString());
            assertEquals("3.00", u.get("billedMinutes").asText(), u.toString());
            // 3 minutes at 0.0120 (447) = 0.0360 -> 0.04; cost 3 x 0.0060 = 0.0180 -> 0.02; margin 0.0180 -> 0.02
            assertEquals("0.04", u.get("amount").asText(), u.toString());
            assertEquals("0.02", u.get("carrierCost").get("EUR").asText(), u.toString());
            assertEquals("0.02", u.get("margin").asText(), u.toString());
            assertEquals(0, u.get("messages").asLong(), u.toString());
            // the counter a dashboard sums: seconds from answer to hang-up, as the call records have them
            assertEquals((double) answeredSeconds, gateway.meters().get("edge_tenant_call_billable_seconds")
                    .tag("tenant", "acme").counter().count());
            assertEquals(0.0, gateway.meters().get("edge_usage_calls_dropped").counter().count());
        }
        List<UsageRecord> calls = UsageEvents.read(storage).stream().filter(e -> e.kind() == UsageRecord.CALL)
                .toList();
        assertEquals(3, calls.size(), calls.toString());
        assertEquals(answeredSeconds, calls.stream().mapToLong(UsageRecord::seconds).sum());
        for (UsageRecord c : calls) {
            assertEquals("first", c.carrierId(), c.toString());
            assertEquals("4470000001", c.destination(), c.toString());
            assertEquals("44", c.country(), c.toString());
            assertTrue(!c.callId().isEmpty(), c.toString());
        }
        assertEquals(3, calls.stream().map(UsageRecord::callId).distinct().count(), "one event per call");
    }
}
