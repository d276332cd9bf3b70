package io.edgegw.deploy;

import com.cloudhopper.smpp.SmppBindType;
import com.cloudhopper.smpp.SmppConstants;
import com.cloudhopper.smpp.type.SmppBindException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.edgegw.core.Gateway;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.simulator.smsc.SimulatedSmsc;
import io.edgegw.simulator.smsc.SmscConfig;
import org.jsmpp.SMPPConstant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several gateway instances (real gateways, each with its own storage, as the pods of a StatefulSet) against one
 * simulated carrier: each opens its part of the carrier's binds and keeps to its part of the carrier's rate, and
 * each takes its part of a tenant's binds, so the configured limits hold across the cluster (issue 15).
 */
class ClusterShareTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path storage;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private <T extends AutoCloseable> T opened(T resource) {
        open.add(resource);
        return resource;
    }

    /** Instance {@code instance} of {@code instances}: tenant acme (4 binds), carrier telco (5 binds, 300/s). */
    private Gateway instance(int instance, int instances, int carrierPort) {
        return instance(instance, instances, "bindsPerEndpoint: 5, maxSubmitsPerSecond: 300", carrierPort);
    }

    /** The same with other carrier keys ({@code telcoKeys}, YAML flow mapping entries). */
    private Gateway instance(int instance, int instances, String telcoKeys, int carrierPort) {
        return opened(Gateway.start(ConfigLoader.parse("""
                smpp: { host: 127.0.0.1, port: 0 }
                admin: { host: 127.0.0.1, port: 0 }
                storage: { dir: '%s' }
                cluster: { instance: edge-%d, instances: %d }
                tenants:
                  - { id: acme, systemId: acme, password: acme-pw, maxBinds: 4, submitsPerSecond: 300 }
                carriers:
                  - { id: telco, systemId: edge, password: edge, %s,
                      window: 50, reconnectDelayMillis: 100, endpoints: [{ host: 127.0.0.1, port: %d }] }
                routes:
                  - { prefix: '', carriers: [telco] }
                """.formatted(storage.resolve("edge-" + instance).toAbsolutePath(), instance, instances, telcoKeys,
                carrierPort))));
    }

    private static JsonNode status(Gateway g) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + g.listeners().get("admin").getPort() + "/api/status")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    private static JsonNode telco(JsonNode status) {
        return status.path("carriers").get(0);
    }

    private static boolean allBound(Gateway g) throws Exception {
        JsonNode binds = telco(status(g)).path("binds");
        return StreamSupport.stream(binds.spliterator(), false).allMatch(b -> b.path("state").asText().equals("BOUND"));
    }

    @Test
    @Timeout(120)
    void threeInstancesOpenTheCarriersFiveBindsBetweenThemAndEachKeepsToItsPartOfItsRate() throws Exception {
        SimulatedSmsc smsc = opened(SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge")));
        List<Gateway> gateways = List.of(instance(0, 3, smsc.port()), instance(1, 3, smsc.port()),
                instance(2, 3, smsc.port()));
        for (Gateway g : gateways) {
            await().atMost(Duration.ofSeconds(30)).until(() -> allBound(g));
        }

        assertEquals(5, smsc.counters().binds(), "the carrier sees its 5 binds, not 5 per instance");
        Set<String> names = new TreeSet<>();
        for (int i = 0; i < 3; i++) {
            JsonNode status = status(gateways.get(i));
            assertEquals(i, status.path("cluster").path("instance").asInt());
            assertEquals(3, status.path("cluster").path("instances").asInt());
            JsonNode share = telco(status).path("share");
            assertEquals(List.of(2, 2, 1).get(i), share.path("binds").asInt(), "instance " + i + ": " + share);
            assertEquals(5, share.path("clusterBinds").asInt());
            assertEquals(100, share.path("maxSubmitsPerSecond").asInt(), "its token bucket: a third of 300/s");
            assertEquals(300, share.path("clusterMaxSubmitsPerSecond").asInt());
            assertEquals(share.path("binds").asInt(), telco(status).path("binds").size());
            telco(status).path("binds").forEach(b -> names.add(b.path("name").asText()));
        }
        assertEquals(Set.of("#1", "#2", "#3", "#4", "#5"), names.stream().map(n -> n.substring(n.lastIndexOf('#')))
                .collect(java.util.stream.Collectors.toSet()), "bind numbers unique across instances: " + names);
        String table = new StatusTables(false).render(status(gateways.get(2)), System.currentTimeMillis());
        assertTrue(table.startsWith("cluster: instance 2 of 3\n  telco: 1/5 binds, 100/300 submits/s\n"), table);

        // and each instance sends on its own binds
        for (Gateway g : gateways) {
            try (CloudhopperTenant tenant = new CloudhopperTenant(GatewayFixture.smppPort(g), "acme", "acme-pw",
                    SmppBindType.TRANSCEIVER)) {
                assertEquals(SmppConstants.STATUS_OK, tenant.submit("447700900001", "hello").getCommandStatus());
            }
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> smsc.counters().submitsReceived() == 3);
        assertEquals(5, smsc.counters().binds(), "still 5 binds");
    }

    @Test
    @Timeout(120)
    void aTenantWithFourBindsOverTwoInstancesBindsTwiceOnEachAndAThirdIsRefused() throws Exception {
        SimulatedSmsc smsc = opened(SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge")));
        List<Gateway> gateways = List.of(instance(0, 2, smsc.port()), instance(1, 2, smsc.port()));
        for (Gateway g : gateways) {
            int port = GatewayFixture.smppPort(g);
            opened(new CloudhopperTenant(port, "acme", "acme-pw", SmppBindType.TRANSCEIVER));
            opened(new CloudhopperTenant(port, "acme", "acme-pw", SmppBindType.RECEIVER));
            SmppBindException refused = assertThrows(SmppBindException.class,
                    () -> opened(new CloudhopperTenant(port, "acme", "acme-pw", SmppBindType.TRANSMITTER)));
            assertEquals(SMPPConstant.STAT_ESME_RBINDFAIL, refused.getBindResponse().getCommandStatus(),
                    "the third bind on one instance is over its part of the tenant's 4");
        }
    }

    @Test
    @Timeout(120)
    void anInstanceWithNoPartOfACarrierOpensNoBindToItAndSplitBindsReceiveWhereTheySend() throws Exception {
        SimulatedSmsc smsc = opened(SimulatedSmsc.start(SmscConfig.defaults("127.0.0.1", 0)
                .withCredentials("edge", "edge")));
        String split = "bindType: split, bindsPerEndpoint: 2, maxSubmitsPerSecond: 10";
        List<Gateway> gateways = List.of(instance(0, 3, split, smsc.port()), instance(1, 3, split, smsc.port()),
                instance(2, 3, split, smsc.port()));
        for (Gateway g : gateways.subList(0, 2)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> allBound(g) && telco(status(g)).path("binds").size() == 2);
        }

        assertEquals(4, smsc.counters().binds(), "a transmitter and a receiver on each of the two holding a part");
        for (int i = 0; i < 2; i++) {
            JsonNode telco = telco(status(gateways.get(i)));
            assertEquals(1, telco.path("share").path("binds").asInt());
            assertEquals(5, telco.path("share").path("maxSubmitsPerSecond").asInt(), "10/s between the two");
            assertEquals(Set.of("#" + (i + 1), "#rx1"), names(telco));
        }
        JsonNode none = telco(status(gateways.get(2)));
        assertEquals(0, none.path("share").path("binds").asInt());
        assertEquals(0, none.path("binds").size());
        assertEquals(0, none.path("share").path("maxSubmitsPerSecond").asInt());
        assertEquals(4, smsc.counters().binds());
    }

    /** The binds' names, each from its number on: {@code #1}, {@code #rx1}. */
    private static Set<String> names(JsonNode carrier) {
        Set<String> out = new TreeSet<>();
        carrier.path("binds").forEach(b -> out.add(b.path("name").asText().substring(b.path("name").asText()
                .lastIndexOf('#'))));
        return out;
    }
}
