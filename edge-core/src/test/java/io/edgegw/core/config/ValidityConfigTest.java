package io.edgegw.core.config;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: a tenant's default validity (gateway-wide or its own) and a carrier's maximum validity. */
class ValidityConfigTest {
    private static final String CARRIER = "carriers:\n  - { id: a, systemId: s, password: p, maxValiditySeconds: 3600,"
            + " endpoints: [{host: h, port: 1}] }\n  - { id: b, systemId: s, password: p, endpoints: [{host: h, port: 1}] }\n";

    @Test
    void theDefaultValidityIsGatewayWideUnlessATenantSetsItsOwn() {
        GatewayConfig c = ConfigLoader.parse(CARRIER + """
                messageLimits: { defaultValiditySeconds: 600 }
                tenants:
                  - { id: acme, systemId: acme, password: p, defaultValiditySeconds: 30 }
                  - { id: globex, systemId: globex, password: p }
                """);
        assertEquals(30, c.tenants().get(0).limits().defaultValiditySeconds());
        assertEquals(600, c.tenants().get(1).limits().defaultValiditySeconds());
        assertEquals(0, ConfigLoader.parse(CARRIER + "tenants:\n  - {id: t, systemId: t, password: p}\n")
                .tenants().get(0).limits().defaultValiditySeconds(), "none unless asked for");
    }

    @Test
    void theScheduleBoundIsThirtyDaysUnlessSetGatewayWideOrByATenant() {
        GatewayConfig c = ConfigLoader.parse(CARRIER + """
                tenants:
                  - { id: acme, systemId: acme, password: p, maxScheduleAheadSeconds: 3600 }
                  - { id: globex, systemId: globex, password: p }
                """);
        assertEquals(3600, c.tenants().get(0).limits().maxScheduleAheadSeconds());
        assertEquals(30 * 86_400, c.tenants().get(1).limits().maxScheduleAheadSeconds());
        assertEquals(60, ConfigLoader.parse(CARRIER + "messageLimits: { maxScheduleAheadSeconds: 60 }\n"
                + "tenants:\n  - {id: t, systemId: t, password: p}\n").tenants().get(0).limits()
                .maxScheduleAheadSeconds());
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(CARRIER
                + "tenants:\n  - {id: t, systemId: t, password: p, maxScheduleAheadSeconds: 0}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].maxScheduleAheadSeconds"), e.getMessage());
    }

    @Test
    void aCarrierMaximumIsReadAndDefaultsToNoBound() {
        GatewayConfig c = ConfigLoader.parse(CARRIER);
        assertEquals(3600, c.carriers().get(0).maxValiditySeconds());
        assertEquals(0, c.carriers().get(1).maxValiditySeconds());
    }

    @Test
    void negativeValiditiesAreRefusedNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(CARRIER
                + "tenants:\n  - {id: t, systemId: t, password: p, defaultValiditySeconds: -1}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].defaultValiditySeconds"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("carriers:\n  - { id: a, systemId: s,"
                + " password: p, maxValiditySeconds: -5, endpoints: [{host: h, port: 1}] }\n"));
        assertTrue(e.getMessage().startsWith("carriers[0].maxValiditySeconds"), e.getMessage());
    }
}
