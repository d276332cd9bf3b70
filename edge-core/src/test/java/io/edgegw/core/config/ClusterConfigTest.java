package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code cluster}: which instance this is of how many, from the file or the environment (a StatefulSet pod's name),
 * refused with a message naming the field when it cannot be; and each instance's part of carriers' and tenants'
 * limits, the parts of all instances adding up to the configured value.
 */
class ClusterConfigTest {
    private static final String CARRIER = """
            carriers:
              - { id: telco, systemId: gw, password: pw, bindsPerEndpoint: %d, maxSubmitsPerSecond: %d,
                  endpoints: [%s] }
            """;

    private static ClusterConfig cluster(String yaml) {
        return ConfigLoader.parse(yaml).cluster();
    }

    private static String refusal(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage();
    }

    private static String refusal(String yaml, Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, SecretResolver.of(env)))
                .getMessage();
    }

    @Test
    void withoutAClusterSectionTheGatewayIsOneInstanceAndItsLimitsAreTheConfiguredOnes() {
        GatewayConfig c = ConfigLoader.parse("""
                tenants: [{ id: t, systemId: t, password: pw, maxBinds: 3, submitsPerSecond: 7 }]
                """ + CARRIER.formatted(2, 10, "{ host: h, port: 1 }, { host: h, port: 2 }"));
        assertEquals(ClusterConfig.SINGLE, c.cluster());
        assertSame(c.tenants().get(0), c.cluster().tenant(c.tenants().get(0)));
        CarrierShare share = c.cluster().carrier(c.carriers().get(0));
        assertEquals(4, share.binds().size());
        assertEquals(10, share.maxSubmitsPerSecond());
        assertEquals(List.of(1, 1, 2, 2), share.binds().stream().map(CarrierShare.Bind::number).sorted().toList());
    }

    @Test
    void theInstanceIsAnOrdinalOrAStatefulSetPodNameFromTheFileOrTheEnvironment() {
        assertEquals(new ClusterConfig(1, 3), cluster("cluster: { instance: 1, instances: 3 }"));
        assertEquals(new ClusterConfig(2, 3), cluster("cluster: { instance: '2', instances: 3 }"));
        assertEquals(new ClusterConfig(2, 3), cluster("cluster: { instance: edge-2, instances: 3 }"));
        assertEquals(new ClusterConfig(0, 2), cluster("cluster: { instances: 2 }"));
        GatewayConfig fromEnv = ConfigLoader.parse("cluster: { instance: 'env:HOSTNAME', instances: 12 }",
                SecretResolver.of(Map.of("HOSTNAME", "edge-gateway-11")));
        assertEquals(new ClusterConfig(11, 12), fromEnv.cluster());
    }

    @Test
    void aBadInstanceOrCountIsRefusedNamingTheField() {
        assertEquals("cluster.instance: must be less than cluster.instances (3), counting from 0 (was 3)",
                refusal("cluster: { instance: 3, instances: 3 }"));
        assertEquals("cluster.instance: must be less than cluster.instances (1), counting from 0 (was 1)",
                refusal("cluster: { instance: edge-1 }"));
        assertEquals("cluster.instance: must be an ordinal (0, 1, ...) or a pod name ending in -ORDINAL such as "
                + "edge-2 (was '-1')", refusal("cluster: { instance: -1, instances: 3 }"));
        assertEquals("cluster.instance: must be an ordinal (0, 1, ...) or a pod name ending in -ORDINAL such as "
                + "edge-2 (was 'edge')", refusal("cluster: { instance: edge, instances: 3 }"));
        assertEquals("cluster.instances: must be 1-1000 (was 0)", refusal("cluster: { instances: 0 }"));
        assertEquals("cluster.instances: must be an integer (was 'three')", refusal("cluster: { instances: three }"));
        assertEquals("cluster.instance: environment variable POD is not set",
                refusal("cluster: { instance: 'env:POD', instances: 3 }", Map.of()));
        assertEquals("cluster.instance: must be an ordinal (0, 1, ...) or a pod name ending in -ORDINAL such as "
                + "edge-2 (was 'edge-')", refusal("cluster: { instance: 'env:POD', instances: 3 }",
                Map.of("POD", "edge-")));
        assertTrue(refusal("cluster: { instance: 0, instnces: 2 }")
                .startsWith("cluster.instnces: unknown field (known: instance, instances"));
        assertTrue(refusal("cluster: 3").startsWith("cluster: must be a mapping"));
    }

    @Test
    void aRateTooSmallToSplitOverTheInstancesIsRefused() {
        assertEquals("tenants[1].submitsPerSecond: cannot be split over cluster.instances 3 (each needs at least 1 a "
                + "second): must be 0 or at least 3 (was 2)", refusal("""
                cluster: { instance: 0, instances: 3 }
                tenants:
                  - { id: a, systemId: a, password: pw, submitsPerSecond: 3 }
                  - { id: b, systemId: b, password: pw, submitsPerSecond: 2 }
                """));
        // two binds over three instances: the rate is split between the two instances that hold one
        assertEquals("carriers[0].maxSubmitsPerSecond: cannot be split over the 2 instances holding its binds (each "
                + "needs at least 1 a second): must be 0 or at least 2 (was 1)",
                refusal("cluster: { instance: 0, instances: 3 }\n"
                        + CARRIER.formatted(2, 1, "{ host: h, port: 1 }")));
        assertEquals(2, ConfigLoader.parse("cluster: { instance: 1, instances: 3 }\n"
                + CARRIER.formatted(2, 2, "{ host: h, port: 1 }")).carriers().get(0).maxSubmitsPerSecond());
    }

    @Test
    void fiveBindsAndTheirRateOverThreeInstancesAreDealtTwoTwoOneAndAddUp() {
        List<CarrierShare> shares = shares(3, CARRIER.formatted(5, 301, "{ host: h, port: 1 }"));
        assertEquals(List.of(2, 2, 1), shares.stream().map(s -> s.binds().size()).toList());
        assertEquals(List.of(101, 100, 100), shares.stream().map(CarrierShare::maxSubmitsPerSecond).toList());
        assertEquals(List.of(1, 2, 3, 4, 5), shares.stream().flatMap(s -> s.binds().stream())
                .map(CarrierShare.Bind::number).toList(), "each bind number once across the cluster");
        shares.forEach(s -> assertEquals(5, s.clusterBinds()));
        shares.forEach(s -> assertEquals(301, s.clusterMaxSubmitsPerSecond()));
    }

    @Test
    void bindsAreSpreadOverEndpointsSoEachEndpointGetsItsBindsPerEndpointAcrossTheCluster() {
        for (int instances = 1; instances <= 7; instances++) {
            for (int perEndpoint = 1; perEndpoint <= 4; perEndpoint++) {
                List<CarrierShare> shares = shares(instances, CARRIER.formatted(perEndpoint, 0,
                        "{ host: h, port: 1 }, { host: h, port: 2 }, { host: h, port: 3 }"));
                Map<Integer, List<Integer>> numbersByPort = new HashMap<>();
                shares.forEach(s -> s.binds().forEach(b -> numbersByPort
                        .computeIfAbsent(b.endpoint().port(), p -> new ArrayList<>()).add(b.number())));
                for (int port = 1; port <= 3; port++) {
                    assertEquals(IntStream.rangeClosed(1, perEndpoint).boxed().toList(),
                            numbersByPort.get(port).stream().sorted().toList(),
                            instances + " instances, " + perEndpoint + " per endpoint, endpoint " + port);
                }
                int most = shares.stream().mapToInt(s -> s.binds().size()).max().orElseThrow();
                int least = shares.stream().mapToInt(s -> s.binds().size()).min().orElseThrow();
                assertTrue(most - least <= 1, "an even deal: " + most + " and " + least);
            }
        }
        // two instances, two endpoints, one bind each: each instance starts on an endpoint of its own
        List<CarrierShare> two = shares(2, CARRIER.formatted(1, 0, "{ host: h, port: 1 }, { host: h, port: 2 }"));
        assertEquals(1, two.get(0).binds().get(0).endpoint().port());
        assertEquals(2, two.get(1).binds().get(0).endpoint().port());
    }

    @Test
    void anInstanceWithNoneOfACarriersBindsTakesNoneOfItsRate() {
        List<CarrierShare> shares = shares(3, CARRIER.formatted(2, 9, "{ host: h, port: 1 }"));
        assertEquals(List.of(1, 1, 0), shares.stream().map(s -> s.binds().size()).toList());
        assertEquals(List.of(5, 4, 0), shares.stream().map(CarrierShare::maxSubmitsPerSecond).toList(),
                "the rate is the two holders' alone");
    }

    @Test
    void aTenantsBindsAndRateAreSplitAndAnUnlimitedRateStaysUnlimited() {
        String tenants = """
                tenants:
                  - { id: a, systemId: a, password: pw, maxBinds: 4, submitsPerSecond: 10, submitBurst: 5 }
                  - { id: b, systemId: b, password: pw, maxBinds: 1 }
                """;
        List<List<TenantConfig>> byInstance = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            GatewayConfig c = ConfigLoader.parse("cluster: { instance: " + i + ", instances: 3 }\n" + tenants);
            byInstance.add(c.cluster().tenants(c.tenants()));
        }
        assertEquals(List.of(2, 1, 1), byInstance.stream().map(t -> t.get(0).maxBinds()).toList());
        assertEquals(List.of(4, 3, 3), byInstance.stream().map(t -> t.get(0).submitsPerSecond()).toList());
        assertEquals(List.of(2, 2, 1), byInstance.stream().map(t -> t.get(0).submitBurst()).toList());
        assertEquals(List.of(1, 0, 0), byInstance.stream().map(t -> t.get(1).maxBinds()).toList(),
                "one bind over three instances: the first takes it, the others refuse every bind");
        assertEquals(List.of(0, 0, 0), byInstance.stream().map(t -> t.get(1).submitsPerSecond()).toList());
    }

    private static List<CarrierShare> shares(int instances, String carriers) {
        List<CarrierShare> out = new ArrayList<>();
        for (int i = 0; i < instances; i++) {
            GatewayConfig c = ConfigLoader.parse("cluster: { instance: " + i + ", instances: " + instances + " }\n"
                    + carriers);
            out.add(c.cluster().carrier(c.carriers().get(0)));
        }
        return out;
    }

    /** The ordinal and the shared Redis sit in one {@code cluster} section; a key of neither is refused. */
    @Test
    void instanceAndRedisShareTheClusterSection() {
        GatewayConfig c = ConfigLoader.parse(
                "cluster: { instance: 1, instances: 2, redis: { uri: 'redis://127.0.0.1:6379' } }");
        assertEquals(new ClusterConfig(1, 2), c.cluster());
        assertEquals("redis://127.0.0.1:6379", c.section(RedisConfig.class).uri());
        assertTrue(refusal("cluster: { instances: 2, redis: { uri: 'redis://h:1' }, shards: 4 }").contains("shards"));
    }
}
