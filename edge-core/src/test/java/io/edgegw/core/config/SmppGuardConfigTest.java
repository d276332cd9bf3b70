package io.edgegw.core.config;

import io.edgegw.core.tenant.PasswordHash;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SmppGuardConfigTest {
    private static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml)).getMessage();
    }

    @Test
    void connectionCapsStallBoundAndBindGuardHaveDefaultsAndAreRead() {
        SmppServerConfig d = ConfigLoader.parse("{}").smpp();
        assertEquals(2000, d.maxConnections());
        assertEquals(100, d.maxConnectionsPerSource());
        assertEquals(30, d.stalledPeerSeconds());
        assertEquals(BindGuardConfig.DEFAULTS, d.bindGuard());
        SmppServerConfig c = ConfigLoader.parse("""
                smpp: { maxConnections: 50, maxConnectionsPerSource: 5, stalledPeerSeconds: 2,
                        bindGuard: { lockoutFailures: 4, firstDelayMillis: 10, maxDelayMillis: 20 } }
                """).smpp();
        assertEquals(50, c.maxConnections());
        assertEquals(5, c.maxConnectionsPerSource());
        assertEquals(2, c.stalledPeerSeconds());
        assertEquals(4, c.bindGuard().lockoutFailures());
        assertEquals(10, c.bindGuard().firstDelayMillis());
    }

    @Test
    void badCapsAndGuardFieldsAreNamed() {
        assertTrue(refused("smpp: { maxConnections: 5, maxConnectionsPerSource: 6 }")
                .startsWith("smpp.maxConnectionsPerSource:"));
        assertTrue(refused("smpp: { bindGuard: { firstDelayMillis: 500, maxDelayMillis: 100 } }")
                .startsWith("smpp.bindGuard.maxDelayMillis:"));
        assertTrue(refused("smpp: { bindGuard: { lockout: 3 } }").startsWith("smpp.bindGuard.lockout: unknown field"));
    }

    @Test
    void tenantPasswordMayBeHashedOrFromTheEnvironmentButNotLongInClear() {
        String hash = PasswordHash.create("pw", 1000);
        assertEquals(hash, ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: '" + hash + "'}\n")
                .tenants().get(0).password());
        assertTrue(refused("tenants:\n  - {id: t, systemId: t, password: 'pbkdf2-sha256:10:AAAA:BBBB'}\n")
                .startsWith("tenants[0].password: hash iterations"));
        assertTrue(refused("tenants:\n  - {id: t, systemId: t, password: 'nine-char'}\n")
                .startsWith("tenants[0].password: must be 1-8 characters"));
        assertTrue(refused("tenants:\n  - {id: t, systemId: t, password: 'env:EDGE_NO_SUCH_SMPP_PW'}\n")
                .contains("environment variable EDGE_NO_SUCH_SMPP_PW is not set"));
    }
}
