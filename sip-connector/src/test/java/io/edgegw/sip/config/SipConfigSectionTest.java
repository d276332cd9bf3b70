package io.edgegw.sip.config;

import io.edgegw.core.config.ConfigException;
import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.GatewayConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The SIP keys of the gateway YAML, read by the core's {@link ConfigLoader} through {@link SipConfigSection} (found
 * with ServiceLoader): the same file as ever, with errors naming the field.
 */
class SipConfigSectionTest {
    private static final String CARRIER = "carriers:\n  - id: a\n    systemId: s\n    password: p\n    endpoints:\n      - {host: h, port: 1}\n";

    @Test
    void sipIsOffUnlessEnabledAndTakesItsDefaults() {
        GatewayConfig none = ConfigLoader.parse(CARRIER);
        assertEquals(SipConfig.DISABLED, none.section(SipConfig.class));
        assertFalse(none.section(SipConfig.class).enabled());
        assertEquals(null, none.carriers().get(0).extension(SipTrunkConfig.class));
        SipConfig on = SipConfig.of(ConfigLoader.parse("sip: {enabled: true, port: 0, transport: tcp}\n"));
        assertEquals(new SipConfig(true, "127.0.0.1", 0, "tcp", 32, 5000, 10_000), on);
    }

    @Test
    void theSipFailoverCodesAreConfiguredAndChecked() {
        assertEquals(List.of(408, 500, 502, 503, 504), SipConfig.of(ConfigLoader.parse("sip: {}\n")).failoverCodes());
        assertEquals(List.of(486, 503), SipConfig.of(ConfigLoader.parse("sip: {failoverCodes: [486, 503]}\n")).failoverCodes());
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.parse("sip: {failoverCodes: [503, 200]}\n"));
        assertEquals("sip.failoverCodes[1]: must be a SIP status code 300-699 (was '200')", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("sip: {failoverCodes: []}\n"));
        assertEquals("sip.failoverCodes: must be a list of 1-20 SIP status codes, e.g. [408, 500, 503]", e.getMessage());
    }

    @Test
    void callDetailRecordsAreKeptNinetyDaysUnlessConfiguredZeroMeaningForEver() {
        assertEquals(90, SipConfig.of(ConfigLoader.parse("sip: {}\n")).cdrRetentionDays());
        assertEquals(0, SipConfig.of(ConfigLoader.parse("sip: {cdrRetentionDays: 0}\n")).cdrRetentionDays());
        assertEquals(400, SipConfig.of(ConfigLoader.parse("sip: {cdrRetentionDays: 400}\n")).cdrRetentionDays());
        assertEquals("sip.cdrRetentionDays: must be 0-36500 (was -1)", refused("sip: {cdrRetentionDays: -1}\n"));
    }

    @Test
    void strangersAreRejectedUnlessTheConfigSaysDrop() {
        assertEquals(SipConfig.Strangers.REJECT, SipConfig.of(ConfigLoader.parse("sip: {}\n")).strangers());
        assertEquals(SipConfig.Strangers.DROP, SipConfig.of(ConfigLoader.parse("sip: {strangers: drop}\n")).strangers());
        assertEquals("sip.strangers: must be reject or drop (was 'ignore')", refused("sip: {strangers: ignore}\n"));
    }

    @Test
    void theRouteSecretIsReadFromTheFileOrTheEnvironmentAndKeptOutOfToString() {
        assertNull(SipConfig.of(ConfigLoader.parse("sip: {}\n")).routeSecret()); // random per process
        SipConfig s = SipConfig.of(ConfigLoader.parse("sip: {routeSecret: 0123456789abcdef-xyz}\n"));
        assertEquals("0123456789abcdef-xyz", s.routeSecret());
        assertFalse(s.toString().contains("0123456789abcdef"), s.toString());
        assertEquals("sip.routeSecret: must be at least 16 characters (was 5)", refused("sip: {routeSecret: short}\n"));
        assertEquals("sip.routeSecret: environment variable EDGE_NO_SUCH_VARIABLE_Y is not set",
                refused("sip: {routeSecret: 'env:EDGE_NO_SUCH_VARIABLE_Y'}\n"));
    }

    @Test
    void callLimitsAndTheLongestCallAreReadAndANegativeLimitIsNamed() {
        GatewayConfig c = ConfigLoader.parse("sip: {maxCallSeconds: 60}\n"
                + "carriers:\n  - {id: trunk, sip: {host: 10.1.1.1, maxCallsPerSecond: 5, channels: 30}}\n"
                + "tenants:\n  - {id: t, systemId: t, password: p, callsPerSecond: 2, maxConcurrentCalls: 10}\n");
        assertEquals(60, c.section(SipConfig.class).maxCallSeconds());
        assertEquals(new SipTrunkConfig("10.1.1.1", 5060, "udp", 5, 30), c.carriers().get(0).extension(SipTrunkConfig.class));
        assertEquals(2, c.tenants().get(0).extension(SipTenant.class).callsPerSecond());
        assertEquals(10, c.tenants().get(0).extension(SipTenant.class).maxConcurrentCalls());
        assertEquals(SipConfig.DEFAULT_MAX_CALL_SECONDS, SipConfig.of(ConfigLoader.parse("sip: {}\n")).maxCallSeconds());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "carriers:\n  - {id: trunk, sip: {host: 10.1.1.1, channels: -1}}\n"));
        assertTrue(e.getMessage().contains("carriers[0].sip.channels"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "tenants:\n  - {id: t, systemId: t, password: p, callsPerSecond: -3}\n"));
        assertTrue(e.getMessage().contains("tenants[0].callsPerSecond"), e.getMessage());
    }

    @Test
    void aTenantsCallQueueDefaultsToOneSecondCanBeTurnedOffAndIsBounded() {
        assertEquals(SipTenant.DEFAULT_CALL_QUEUE_MILLIS, ConfigLoader.parse(
                "tenants:\n  - {id: t, systemId: t, password: p, callsPerSecond: 2}\n").tenants().get(0).extension(SipTenant.class).callQueueMillis());
        assertEquals(0, ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: p, callQueueMillis: 0}\n")
                .tenants().get(0).extension(SipTenant.class).callQueueMillis());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "tenants:\n  - {id: t, systemId: t, password: p, callQueueMillis: 60000}\n"));
        assertTrue(e.getMessage().contains("tenants[0].callQueueMillis"), e.getMessage());
    }

    @Test
    void aCarrierOfCallsOnlyNeedsNoSmppAndATenantNamesItsSipSources() {
        GatewayConfig c = ConfigLoader.parse("carriers:\n  - {id: trunk, sip: {host: 10.1.1.1}}\n"
                + "tenants:\n  - {id: t, systemId: t, password: p, sipSources: [192.0.2.0/24]}\n");
        assertEquals(new SipTrunkConfig("10.1.1.1", 5060, "udp"), c.carriers().get(0).extension(SipTrunkConfig.class));
        assertTrue(c.carriers().get(0).endpoints().isEmpty());
        assertEquals(List.of("192.0.2.0/24"), c.tenants().get(0).extension(SipTenant.class).sipSources());
    }

    @Test
    void aTenantNamesWhereItsInboundCallsGoAndACarrierTheAddressesItCallsFrom() {
        GatewayConfig c = ConfigLoader.parse("carriers:\n  - {id: trunk, sip: {host: 10.1.1.1, sources: [10.2.0.0/16]}}\n"
                + "tenants:\n  - {id: t, systemId: t, password: p, numbers: ['4420'],"
                + " sipTarget: {host: pbx.example, port: 5080, transport: tcp}}\n"
                + "  - {id: u, systemId: u, password: p}\n");
        assertEquals(List.of("10.2.0.0/16"), c.carriers().get(0).extension(SipTrunkConfig.class).sources());
        assertEquals(new SipTrunkConfig("pbx.example", 5080, "tcp"), c.tenants().get(0).extension(SipTenant.class).sipTarget());
        assertNull(c.tenants().get(1).extension(SipTenant.class)); // no SIP keys: no SIP settings
        assertNull(SipTenant.of(c.tenants().get(1)).sipTarget());
        assertEquals(new SipTrunkConfig("10.1.1.1", 5060, "udp"),
                ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: p, sipTarget: {host: 10.1.1.1}}\n")
                        .tenants().get(0).extension(SipTenant.class).sipTarget());
    }

    @Test
    void aTenantsSipCredentialsAreReadWithThePasswordFromTheEnvironmentIfSoWritten() {
        GatewayConfig c = ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: p,"
                + " sipAuth: {username: t-sip, password: s3cret, realm: sip.example}}\n"
                + "  - {id: u, systemId: u, password: p, sipAuth: {username: u-sip, password: x}}\n");
        assertEquals(new SipAuthConfig("t-sip", "s3cret", "sip.example"), c.tenants().get(0).extension(SipTenant.class).sipAuth());
        assertNull(c.tenants().get(1).extension(SipTenant.class).sipAuth().realm()); // the proxy's sip.host
        assertFalse(c.tenants().get(0).extension(SipTenant.class).sipAuth().toString().contains("s3cret"));
        String path = System.getenv("PATH");
        if (path != null) {
            assertEquals(path, ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: p,"
                    + " sipAuth: {username: t-sip, password: 'env:PATH'}}\n").tenants().get(0).extension(SipTenant.class).sipAuth().password());
        }
    }

    @Test
    void badSipCredentialsNameTheirPath() {
        assertEquals("tenants[1].sipAuth.username: 'same' is already the username of tenant 't'", refused(
                "tenants:\n  - {id: t, systemId: t, password: p, sipAuth: {username: same, password: a}}\n"
                        + "  - {id: u, systemId: u, password: p, sipAuth: {username: same, password: b}}\n"));
        assertEquals("tenants[0].sipAuth.password: is required", refused(
                "tenants:\n  - {id: t, systemId: t, password: p, sipAuth: {username: t}}\n"));
        assertEquals("tenants[0].sipAuth.password: environment variable EDGE_NO_SUCH_VARIABLE_X is not set", refused(
                "tenants:\n  - {id: t, systemId: t, password: p, sipAuth: {username: t, password: 'env:EDGE_NO_SUCH_VARIABLE_X'}}\n"));
        assertEquals("tenants[0].sipAuth.username: must be printable ASCII without spaces, quotes or backslashes",
                refused("tenants:\n  - {id: t, systemId: t, password: p, sipAuth: {username: 'a b', password: x}}\n"));
    }

    @Test
    void badInboundFieldsNameTheirPath() {
        assertEquals("tenants[0].sipTarget.host: is required", refused(
                "tenants:\n  - {id: t, systemId: t, password: p, sipTarget: {port: 5080}}\n"));
        assertEquals("tenants[0].sipTarget.transport: must be udp, tcp or tls (was 'sctp')", refused(
                "tenants:\n  - {id: t, systemId: t, password: p, sipTarget: {host: h, transport: sctp}}\n"));
        assertTrue(refused("tenants:\n  - {id: t, systemId: t, password: p, sipTarget: {host: h, channels: 3}}\n")
                .startsWith("tenants[0].sipTarget"));
        assertEquals("carriers[0].sip.sources[0]: not an IP address or CIDR block: 'carrier.example'", refused(
                "carriers:\n  - {id: x, sip: {host: h, sources: [carrier.example]}}\n"));
    }

    @Test
    void aTrunksOptionsProbingIsReadWithKamailioLikeDefaults() {
        SipTrunkConfig plain = ConfigLoader.parse("carriers:\n  - {id: trunk, sip: {host: 10.1.1.1}}\n")
                .carriers().get(0).extension(SipTrunkConfig.class);
        assertEquals(new SipProbeConfig(5000, 3, 1, List.of(200)), plain.probe());
        SipTrunkConfig t = ConfigLoader.parse("carriers:\n  - {id: trunk, sip: {host: 10.1.1.1, probe: "
                + "{intervalMillis: 1000, downAfter: 2, upAfter: 4, replyCodes: [200, 404, 405, 501]}}}\n")
                .carriers().get(0).extension(SipTrunkConfig.class);
        assertEquals(new SipProbeConfig(1000, 2, 4, List.of(200, 404, 405, 501)), t.probe());
        SipTrunkConfig off = ConfigLoader.parse("carriers:\n  - {id: trunk, sip: {host: 10.1.1.1, probe: "
                + "{intervalMillis: 0}}}\n").carriers().get(0).extension(SipTrunkConfig.class);
        assertFalse(off.probe().enabled());
    }

    @Test
    void badProbeFieldsNameTheirPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "carriers:\n  - {id: x, sip: {host: h, probe: {replyCodes: [200, 99]}}}\n"));
        assertEquals("carriers[0].sip.probe.replyCodes[1]: must be a SIP status code 100-699 (was '99')", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "carriers:\n  - {id: x, sip: {host: h, probe: {replyCodes: []}}}\n"));
        assertEquals("carriers[0].sip.probe.replyCodes: must be a list of 1-20 SIP status codes, e.g. [200, 404]",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "carriers:\n  - {id: x, sip: {host: h, probe: {intervalMillis: 50}}}\n"));
        assertEquals("carriers[0].sip.probe.intervalMillis: must be 0 (no probing) or 100-3600000 (was 50)",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "carriers:\n  - {id: x, sip: {host: h, probe: {downAfter: 0}}}\n"));
        assertEquals("carriers[0].sip.probe.downAfter: must be 1-1000 (was 0)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "carriers:\n  - {id: x, sip: {host: h, probe: {every: 5}}}\n"));
        assertTrue(e.getMessage().startsWith("carriers[0].sip.probe.every: unknown field"), e.getMessage());
    }

    @Test
    void badSipFieldsNameTheirPath() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("sip: {transport: sctp}\n"));
        assertEquals("sip.transport: must be udp or tcp (was 'sctp')", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("sip: {host: 0.0.0.0}\n"));
        assertEquals("sip.host: must be an address peers can reach: it goes into Record-Route and Via (was '0.0.0.0')",
                e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("sip: {enabled: yes please}\n"));
        assertEquals("sip.enabled: must be true or false (was 'yes please')", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("carriers:\n  - {id: x, sip: {host: h, port: 0}}\n"));
        assertEquals("carriers[0].sip.port: must be 1-65535 (was 0)", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                "tenants:\n  - {id: t, systemId: t, password: p, sipSources: [nowhere]}\n"));
        assertEquals("tenants[0].sipSources[0]: not an IP address or CIDR block: 'nowhere'", e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("carriers:\n  - {id: x}\n"));
        assertEquals("carriers[0].endpoints: at least one endpoint is required (or a sip trunk for a carrier of calls "
                + "only)", e.getMessage());
    }

    @Test
    void aMisspeltSipKeyIsRefusedByNameWithTheKnownKeys() {
        assertTrue(refused("sip: {prot: 5060}\n").startsWith("sip.prot: unknown field (known: enabled, host, port,"),
                refused("sip: {prot: 5060}\n"));
        assertEquals("tenants[0].sipSorces: unknown field (known: id, systemId, password, window, maxBinds, "
                + "submitsPerSecond, submitBurst, queueMaxMessages, queueMaxMegabytes, weight, allowedSources, numbers, "
                + "defaultAlphabet, maxMessageAgeSeconds, maxSubmitAttempts, maxDeliveryAttempts, "
                + "defaultValiditySeconds, maxScheduleAheadSeconds, senders, destinations, sipSources, callsPerSecond, "
                + "maxConcurrentCalls, callQueueMillis, sipTarget, sipAuth)",
                refused("tenants:\n  - {id: t, systemId: t, password: p, sipSorces: [10.0.0.0/8]}\n"));
        assertTrue(refused("carriers:\n  - {id: x, sipp: {host: h}}\n").startsWith("carriers[0].sipp: unknown field"));
        assertTrue(refused("carriers:\n  - {id: x, sip: {host: h, transprt: tcp}}\n")
                .startsWith("carriers[0].sip.transprt: unknown field"));
        assertEquals("carriers[1].sip.transport: must be udp, tcp or tls (was 'sctp')", refused(
                "carriers:\n  - {id: x, sip: {host: h}}\n  - {id: y, sip: {host: h, transport: sctp}}\n"));
    }

    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage();
    }
}
