package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {
    private static final String CARRIER = "carriers:\n  - id: a\n    systemId: s\n    password: p\n    endpoints:\n      - {host: h, port: 1}\n";

    private static final String TENANTS = "tenants:\n  - {id: acme, systemId: acme, password: p}\n"
            + "  - {id: globex, systemId: globex, password: p}\n";

    @Test
    void theFullExampleParsesWithEveryValue() throws IOException {
        GatewayConfig c;
        try (InputStream in = getClass().getResourceAsStream("/full-example.yaml")) {
            c = ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals("0.0.0.0", c.smpp().host());
        assertEquals(2, c.tenants().size());
        assertEquals(2, c.carriers().get(0).bindsPerEndpoint());
        assertEquals(2777, c.carriers().get(0).endpoints().get(1).port());
        assertEquals(400, c.carriers().get(0).maxSubmitsPerSecond());
        assertEquals(250, c.carriers().get(0).bindMaxSubmitsPerSecond());
        assertEquals(20_000, c.carriers().get(0).reconnectMaxDelayMillis());
        assertEquals(5, c.routes().size());
        assertEquals(new RouteConfig("44", RouteConfig.inOrder(List.of("telco-a", "telco-b")), List.of()), c.routes().get(0));
        assertEquals(List.of(new RouteCandidate("telco-b", 0.0021, 1, 3), new RouteCandidate("telco-a", 0.003, 2, 1)),
                c.routes().get(1).carriers());
        assertEquals(List.of("acme"), c.routes().get(3).tenants());
        assertEquals(new RouteCandidate("telco-a", 0.0, 1, 1), c.routes().get(4).carriers().get(0));
        assertEquals(10, c.tenants().get(1).maxBinds());
        TenantConfig acme = c.tenants().get(0);
        assertEquals(500, acme.submitsPerSecond());
        assertEquals(1000, acme.submitBurst());
        assertEquals(5_000_000, acme.queueMaxMessages());
        assertEquals(2048, acme.queueMaxMegabytes());
        assertEquals(3, acme.weight());
        assertEquals(List.of("127.0.0.1", "10.0.0.0/8", "2001:db8::/32"), acme.allowedSources());
        assertEquals(List.of("447700900", "447700901"), acme.numbers());
        assertEquals(new MessageLimits(86_400, 5, 10), acme.limits());
        assertEquals(MessageLimits.DEFAULTS, c.tenants().get(1).limits());
        assertEquals(2, acme.addresses().senders().size());
        assertEquals("44", acme.addresses().destinations().countryCode());
        assertTrue(c.tenants().get(1).addresses().isOpen());
        assertEquals(8, c.shutdown().drainSeconds());
    }

    @Test
    void aStopDrainsForFiveSecondsUnlessToldOtherwise() {
        assertEquals(ShutdownConfig.DEFAULT_DRAIN_SECONDS,
                ConfigLoader.parse(CARRIER + "tenants:\n  - {id: t, systemId: t, password: p}\n").shutdown().drainSeconds());
        assertEquals("shutdown.drainSeconds: must be 0-600 (was 601)",
                refused(CARRIER + TENANTS + "shutdown: {drainSeconds: 601}\n"));
    }

    @Test
    void aRateWithoutABurstMayBurstOneSecondsWorth() {
        GatewayConfig c = ConfigLoader.parse(CARRIER + "tenants:\n  - {id: t, systemId: t, password: p, submitsPerSecond: 50}\n");
        assertEquals(50, c.tenants().get(0).submitBurst());
    }

    @Test
    void aCarrierWithoutEndpointsIsRefusedWhenNoConnectorSectionGivesItAnythingElse() {
        assertEquals("carriers[0].endpoints: at least one endpoint is required", refused("carriers:\n  - {id: x}\n"));
    }

    @Test
    void aBadSourceAddressNamesItsPath() {
        String yaml = CARRIER + "tenants:\n  - {id: t, systemId: t, password: p, allowedSources: [10.0.0.0/8, example.com]}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals("tenants[0].allowedSources[1]: not an IP address or CIDR block: 'example.com'", e.getMessage());
        String wide = CARRIER + "tenants:\n  - {id: t, systemId: t, password: p, allowedSources: [10.0.0.0/33]}\n";
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(wide));
        assertEquals("tenants[0].allowedSources[0]: prefix length must be 0-32: '10.0.0.0/33'", e.getMessage());
    }

    @Test
    void aNumberHasOneOwner() {
        String yaml = CARRIER + "tenants:\n  - {id: t, systemId: t, password: p, numbers: ['4477']}\n"
                + "  - {id: u, systemId: u, password: p, numbers: ['4478', '4477']}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals("tenants[1].numbers[1]: number 4477 is already owned by tenant 't'", e.getMessage());
        String letters = CARRIER + "tenants:\n  - {id: t, systemId: t, password: p, numbers: ['+4477']}\n";
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(letters));
        assertEquals("tenants[0].numbers[0]: must be digits only (was '+4477')", e.getMessage());
    }

    @Test
    void omittedFieldsTakeTheirDefaults() {
        GatewayConfig c = ConfigLoader.parse(CARRIER + "tenants:\n  - {id: t, systemId: t, password: p}\n");
        assertEquals(new SmppServerConfig("127.0.0.1", 2775, 65536, 30, 10), c.smpp());
        assertEquals(new AdminConfig("127.0.0.1", 8080), c.admin());
        assertEquals("var/queues", c.storage().dir());
        assertEquals("FAST_HOURLY", c.storage().rollCycle());
        assertEquals(72, c.storage().correlationRetentionHours());
        assertEquals(1_000_000, c.storage().correlationsInMemory());
        assertEquals(new PipelineConfig(65536, "blocking"), c.pipeline());
        assertEquals(new TenantConfig("t", "t", "p", 100, 10), c.tenants().get(0));
        CarrierConfig a = c.carriers().get(0);
        assertEquals(1, a.bindsPerEndpoint());
        assertEquals(100, a.window());
        assertEquals(10_000, a.responseTimeoutMillis());
        assertEquals(500, a.reconnectDelayMillis());
        assertEquals("", a.systemType());
        assertEquals(0, a.maxSubmitsPerSecond());
        assertEquals(0, a.bindMaxSubmitsPerSecond());
        assertEquals(CarrierBindType.TRANSCEIVER, a.bindType());
        assertEquals(30_000, a.reconnectMaxDelayMillis());
    }

    @Test
    void aCarrierMayBindSplitOrTransmitterOnlyWithItsOwnReconnectCeiling() {
        GatewayConfig split = ConfigLoader.parse(CARRIER + "    bindType: split\n    reconnectDelayMillis: 200\n"
                + "    reconnectMaxDelayMillis: 5000\n");
        assertEquals(CarrierBindType.SPLIT, split.carriers().get(0).bindType());
        assertEquals(5_000, split.carriers().get(0).reconnectMaxDelayMillis());
        assertEquals(CarrierBindType.TRANSMITTER,
                ConfigLoader.parse(CARRIER + "    bindType: transmitter\n").carriers().get(0).bindType());
        assertEquals(60_000, ConfigLoader.parse(CARRIER + "    reconnectDelayMillis: 60000\n").carriers().get(0)
                .reconnectMaxDelayMillis(), "the default ceiling is never below the first delay");
    }

    @Test
    void aBadBindTypeOrAReconnectCeilingBelowTheFirstDelayNamesTheField() {
        assertEquals("carriers[0].bindType: must be one of transceiver, transmitter, split (was 'receiver')",
                refused(CARRIER + "    bindType: receiver\n"));
        assertEquals("carriers[0].reconnectMaxDelayMillis: must be at least reconnectDelayMillis (1000; was 500)",
                refused(CARRIER + "    reconnectDelayMillis: 1000\n    reconnectMaxDelayMillis: 500\n"));
    }

    @Test
    void anOutOfRangeEndpointPortNamesItsPath() {
        String yaml = CARRIER + "      - {host: h, port: 70000}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals("carriers[0].endpoints[1].port: must be 1-65535 (was 70000)", e.getMessage());
    }

    @Test
    void aRouteToAnUnknownCarrierNamesTheEntry() {
        String yaml = CARRIER + "routes:\n  - {prefix: '1', carriers: [a]}\n  - {prefix: '2', carriers: [a]}\n"
                + "  - {prefix: '3', carriers: [x]}\n";
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml));
        assertEquals("routes[2].carriers[0]: unknown carrier 'x'", e.getMessage());
    }

    @Test
    void aPasswordLongerThanSmppAllowsIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: '123456789'}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].password: "), e.getMessage());
    }

    @Test
    void duplicateSystemIdsAreRefused() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "tenants:\n  - {id: t, systemId: s, password: p}\n  - {id: u, systemId: s, password: p}\n"));
        assertEquals("tenants[1].systemId: duplicate systemId 's'", e.getMessage());
    }

    @Test
    void messageLimitsDefaultGatewayWideAndATenantsOwnKeysWin() {
        GatewayConfig none = ConfigLoader.parse(CARRIER + TENANTS);
        assertEquals(new MessageLimits(172_800, 10, 10), none.tenants().get(0).limits());
        GatewayConfig c = ConfigLoader.parse(CARRIER + """
                messageLimits: { maxMessageAgeSeconds: 3600, maxDeliveryAttempts: 4 }
                tenants:
                  - { id: acme, systemId: acme, password: p, maxSubmitAttempts: 3, maxMessageAgeSeconds: 60 }
                  - { id: globex, systemId: globex, password: p }
                """);
        assertEquals(new MessageLimits(60, 3, 4), c.tenants().get(0).limits());
        assertEquals(new MessageLimits(3600, 10, 4), c.tenants().get(1).limits());
    }

    @Test
    void aMessageLimitOutOfRangeNamesItsPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(CARRIER
                + "tenants:\n  - {id: t, systemId: t, password: p, maxDeliveryAttempts: 0}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].maxDeliveryAttempts"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("messageLimits: { maxAttempts: 3 }\n"));
        assertTrue(e.getMessage().startsWith("messageLimits.maxAttempts: unknown field"), e.getMessage());
    }

    @Test
    void anUnknownFieldIsRefusedByName() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("smpp:\n  prot: 1\n"));
        assertTrue(e.getMessage().startsWith("smpp.prot: unknown field"), e.getMessage());
    }

    @Test
    void aSystemIdLongerThan15IsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("tenants:\n  - {id: t, systemId: '1234567890123456', password: p}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].systemId: "), e.getMessage());
    }

    @Test
    void aTreeWhoseSimulatorsSectionTheLauncherRemovedIsAccepted() throws Exception {
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        var tree = (com.fasterxml.jackson.databind.node.ObjectNode) yaml.readTree(CARRIER + "simulators:\n  x: 1\n");
        assertThrows(ConfigException.class, () -> ConfigLoader.fromTree(tree));
        tree.remove("simulators");
        assertEquals("a", ConfigLoader.fromTree(tree).carriers().get(0).id());
    }

    @Test
    void aRollCycleIsOneOfChroniclesNamesAndTheTestCyclesAreRefused() {
        assertEquals("FIVE_MINUTELY",
                ConfigLoader.parse("storage:\n  rollCycle: FIVE_MINUTELY\n").storage().rollCycle());
        assertEquals("HOURLY", ConfigLoader.parse("storage:\n  rollCycle: HOURLY\n").storage().rollCycle());
        ConfigException unknown = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("storage:\n  rollCycle: hourly\n"));
        assertTrue(unknown.getMessage().startsWith(
                "storage.rollCycle: unknown roll cycle 'hourly' (known: FIVE_MINUTELY, "), unknown.getMessage());
        ConfigException test = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("storage:\n  rollCycle: TEST_SECONDLY\n"));
        assertTrue(test.getMessage().startsWith("storage.rollCycle: 'TEST_SECONDLY' is a Chronicle test cycle"),
                test.getMessage());
    }

    @Test
    void storageSyncIsNoneByDefaultOrBatch() {
        assertEquals(StorageConfig.Sync.NONE, ConfigLoader.parse("storage:\n  dir: q\n").storage().sync());
        assertEquals(StorageConfig.Sync.BATCH, ConfigLoader.parse("storage:\n  sync: batch\n").storage().sync());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("storage:\n  sync: always\n"));
        assertEquals("storage.sync: must be none or batch (was 'always')", e.getMessage());
    }

    @Test
    void aCorrelationRetentionOfZeroHoursIsRefused() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("storage:\n  correlationRetentionHours: 0\n"));
        assertEquals("storage.correlationRetentionHours: must be 1-87600 (was 0)", e.getMessage());
    }

    @Test
    void aRouteCarrierMayGiveCostPriorityAndWeightAndDefaultsToItsPosition() {
        GatewayConfig c = ConfigLoader.parse(CARRIER + "  - {id: b, systemId: s, password: p, endpoints: [{host: h, port: 2}]}\n"
                + "routes:\n  - prefix: '44'\n    carriers: [{id: a, cost: 0.0021, priority: 1, weight: 3}, {id: b, cost: '0.0030'}]\n"
                + "  - {prefix: '33', carriers: [b, {id: a, weight: 2}]}\n");
        assertEquals(List.of(new RouteCandidate("a", 0.0021, 1, 3), new RouteCandidate("b", 0.003, 2, 1)),
                c.routes().get(0).carriers());
        assertEquals(List.of(new RouteCandidate("b", 0.0, 1, 1), new RouteCandidate("a", 0.0, 2, 2)),
                c.routes().get(1).carriers());
        assertEquals(List.of(), c.routes().get(0).tenants());
    }

    @Test
    void aBadRouteCarrierFieldNamesItsPath() {
        String routes = CARRIER + "routes:\n  - {prefix: '1', carriers: [a]}\n  - {prefix: '2', carriers: [a]}\n";
        assertEquals("routes[2].carriers[0].cost: must be >= 0 (was -0.1)", refused(routes
                + "  - {prefix: '3', carriers: [{id: a, cost: -0.1}]}\n"));
        assertEquals("routes[2].carriers[0].cost: must be a number (was 'cheap')", refused(routes
                + "  - {prefix: '3', carriers: [{id: a, cost: cheap}]}\n"));
        assertEquals("routes[2].carriers[0].weight: must be 1-1000000 (was 0)", refused(routes
                + "  - {prefix: '3', carriers: [{id: a, weight: 0}]}\n"));
        assertEquals("routes[2].carriers[0].priority: must be 0-1000000 (was -1)", refused(routes
                + "  - {prefix: '3', carriers: [{id: a, priority: -1}]}\n"));
        assertEquals("routes[2].carriers[0].id: unknown carrier 'x'", refused(routes
                + "  - {prefix: '3', carriers: [{id: x}]}\n"));
        assertEquals("routes[2].carriers[0].id: is required", refused(routes
                + "  - {prefix: '3', carriers: [{cost: 1}]}\n"));
        assertTrue(refused(routes + "  - {prefix: '3', carriers: [{id: a, price: 1}]}\n")
                .startsWith("routes[2].carriers[0].price: unknown field (known: id, cost, priority, weight)"));
        assertEquals("routes[2].carriers[1]: carrier 'a' is already a candidate of this route", refused(routes
                + "  - {prefix: '3', carriers: [a, {id: a, cost: 1}]}\n"));
    }

    @Test
    void aTenantRouteMayShareItsPrefixWithAGeneralRouteButNotWithAnotherRouteOfTheSameTenant() {
        GatewayConfig ok = ConfigLoader.parse(CARRIER + TENANTS + "routes:\n  - {prefix: '44', carriers: [a]}\n"
                + "  - {prefix: '44', carriers: [a], tenants: [acme]}\n  - {prefix: '44', carriers: [a], tenants: [globex]}\n");
        assertEquals(List.of("globex"), ok.routes().get(2).tenants());
        assertEquals("routes[2].prefix: duplicate route prefix '44' for tenant 'acme' (as routes[1])",
                refused(CARRIER + TENANTS + "routes:\n  - {prefix: '44', carriers: [a]}\n"
                        + "  - {prefix: '44', carriers: [a], tenants: [acme]}\n"
                        + "  - {prefix: '44', carriers: [a], tenants: [globex, acme]}\n"));
        assertEquals("routes[1].prefix: duplicate route prefix '44' (as routes[0])",
                refused(CARRIER + "routes:\n  - {prefix: '44', carriers: [a]}\n  - {prefix: '44', carriers: [a]}\n"));
        assertEquals("routes[0].tenants[1]: unknown tenant 'initech'", refused(CARRIER + TENANTS
                + "routes:\n  - {prefix: '44', carriers: [a], tenants: [acme, initech]}\n"));
        assertEquals("routes[0].tenants[1]: duplicate tenant 'acme'", refused(CARRIER + TENANTS
                + "routes:\n  - {prefix: '44', carriers: [a], tenants: [acme, acme]}\n"));
        assertTrue(refused(CARRIER + TENANTS + "routes:\n  - {prefix: '44', carriers: [a], tenants: []}\n")
                .startsWith("routes[0].tenants: must name at least one tenant"));
    }

    @Test
    void qualityThresholdsAreReadAndCheckedAgainstEachOther() {
        assertEquals(QualityConfig.DEFAULTS, ConfigLoader.parse("").quality());
        QualityConfig q = ConfigLoader.parse("quality: {minSuccessRatio: 0.8, recoveredRatio: 0.95, minSamples: 50, "
                + "restSeconds: 30, probeStartPerSecond: 5, probeFullPerSecond: 500, minDeliveredRatio: '0.5'}").quality();
        assertEquals(new QualityConfig(0.8, 0.95, 50, 30, 5, 500, 0.5), q);
        assertEquals("quality.minDeliveredRatio: must be between 0 and 1 (was 1.5)",
                refused("quality: {minDeliveredRatio: 1.5}"));
        assertEquals("quality.recoveredRatio: must be >= minSuccessRatio 0.8 (was 0.5)",
                refused("quality: {minSuccessRatio: 0.8, recoveredRatio: 0.5}"));
        assertEquals("quality.probeFullPerSecond: must be >= probeStartPerSecond 100 (was 10)",
                refused("quality: {probeStartPerSecond: 100, probeFullPerSecond: 10}"));
    }

    @Test
    void anAdminTokenIsLongEnoughMayComeFromTheEnvironmentAndIsNeverPrinted() {
        AdminConfig a = ConfigLoader.parse("admin: {token: a-long-enough-token-1234}").admin();
        assertEquals("a-long-enough-token-1234", a.token());
        assertFalse(a.toString().contains("a-long-enough"), a.toString());
        assertEquals("", ConfigLoader.parse("").admin().token());
        String tooShort = refused("admin: {token: short-secret}");
        assertEquals("admin.token: must be at least 16 characters (was 12; its value is not shown)", tooShort);
        assertEquals("admin.token: environment variable EDGE_TEST_NEVER_SET_42 is not set",
                refused("admin: {token: 'env:EDGE_TEST_NEVER_SET_42'}"));
        String path = System.getenv("PATH"); // set in every test environment, so env: can be read back
        if (path != null && path.length() >= 16) {
            assertEquals(path, ConfigLoader.parse("admin: {token: 'env:PATH'}").admin().token());
        }
    }

    @Test
    void aMetricsTokenIsOptionalLongEnoughMayComeFromTheEnvironmentAndIsNeverPrinted() {
        assertEquals("", ConfigLoader.parse("").admin().metricsToken());
        AdminConfig a = ConfigLoader.parse("admin: {metricsToken: a-scrape-token-123456}").admin();
        assertEquals("a-scrape-token-123456", a.metricsToken());
        assertEquals("", a.token(), "the API's token is its own");
        assertFalse(a.toString().contains("a-scrape-token"), a.toString());
        assertEquals("admin.metricsToken: must be at least 16 characters (was 5; its value is not shown)",
                refused("admin: {metricsToken: short}"));
        assertEquals("admin.metricsToken: environment variable EDGE_TEST_NEVER_SET_43 is not set",
                refused("admin: {metricsToken: 'env:EDGE_TEST_NEVER_SET_43'}"));
        String path = System.getenv("PATH");
        if (path != null && path.length() >= 16) {
            assertEquals(path, ConfigLoader.parse("admin: {metricsToken: 'env:PATH'}").admin().metricsToken());
        }
    }

    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage();
    }

    @Test
    void proxyProtocolNeedsTheBalancersAddressesAndIsOffWithoutTheMapping() {
        assertEquals(ProxyProtocolConfig.OFF, ConfigLoader.parse("smpp: {port: 0}\n").smpp().proxyProtocol());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("smpp: {proxyProtocol: {headerTimeoutMillis: 500}}\n"));
        assertTrue(e.getMessage().startsWith("smpp.proxyProtocol.trustedSources: must name"), e.getMessage());
        e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("smpp: {proxyProtocol: {trustedSources: [haproxy.local]}}\n"));
        assertEquals("smpp.proxyProtocol.trustedSources[0]: not an IP address or CIDR block: 'haproxy.local'",
                e.getMessage());
        ProxyProtocolConfig on = ConfigLoader.parse("smpp: {proxyProtocol: {trustedSources: [10.0.0.0/24]}}\n")
                .smpp().proxyProtocol();
        assertEquals(new ProxyProtocolConfig(true, java.util.List.of("10.0.0.0/24"), 3_000), on);
    }
}
