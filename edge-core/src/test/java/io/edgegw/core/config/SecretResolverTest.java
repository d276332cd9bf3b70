package io.edgegw.core.config;

import io.edgegw.core.tenant.PasswordHash;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SecretResolverTest {
    private static final String CARRIER =
            "carriers:\n  - {id: a, systemId: s, password: p, endpoints: [{host: h, port: 1}]}\n";

    private static String refused(String yaml, Map<String, String> environment) {
        return assertThrows(ConfigException.class,
                () -> ConfigLoader.parse(yaml, SecretResolver.of(environment))).getMessage();
    }

    @Test
    void aSecretWrittenInTheFileIsTheSecretItself() {
        assertEquals("p4ss", SecretResolver.of(Map.of()).resolve("x", "p4ss", 1, 8));
    }

    @Test
    void envNameReadsTheVariableWhereverASecretIsRead() {
        Map<String, String> env = Map.of("EDGE_TENANT_PW", "s3cret", "EDGE_CARRIER_PW", "c4rrier",
                "EDGE_ADMIN_TOKEN", "an-admin-token-of-some-length", "EDGE_SCRAPE", "a-scrape-token-123456");
        GatewayConfig c = ConfigLoader.parse("""
                admin: {token: 'env:EDGE_ADMIN_TOKEN', metricsToken: 'env:EDGE_SCRAPE'}
                tenants:
                  - {id: t, systemId: t, password: 'env:EDGE_TENANT_PW'}
                carriers:
                  - {id: a, systemId: s, password: 'env:EDGE_CARRIER_PW', endpoints: [{host: h, port: 1}]}
                """, SecretResolver.of(env));
        assertEquals("s3cret", c.tenants().get(0).password());
        assertEquals("c4rrier", c.carriers().get(0).password());
        assertEquals("an-admin-token-of-some-length", c.admin().token());
        assertEquals("a-scrape-token-123456", c.admin().metricsToken());
    }

    @Test
    void aMissingVariableIsRefusedNamingTheKeyPathAndTheVariable() {
        assertEquals("tenants[1].password: environment variable EDGE_GLOBEX_PW is not set", refused(CARRIER + """
                tenants:
                  - {id: t, systemId: t, password: p}
                  - {id: u, systemId: u, password: 'env:EDGE_GLOBEX_PW'}
                """, Map.of()));
        assertEquals("carriers[1].password: environment variable EDGE_B_PW is not set", refused(CARRIER
                + "  - {id: b, systemId: s, password: 'env:EDGE_B_PW', endpoints: [{host: h, port: 1}]}\n", Map.of()));
        assertEquals("admin.metricsToken: environment variable EDGE_SCRAPE is empty",
                refused("admin: {metricsToken: 'env:EDGE_SCRAPE'}", Map.of("EDGE_SCRAPE", "")));
        assertEquals("admin.token: 'env:' must be followed by an environment variable's name",
                refused("admin: {token: 'env:'}", Map.of()));
    }

    @Test
    void aVariableHoldingABadValueIsRefusedWithoutShowingTheValue() {
        String tooLong = "nine-char";
        String message = refused(CARRIER + "tenants:\n  - {id: t, systemId: t, password: 'env:EDGE_PW'}\n",
                Map.of("EDGE_PW", tooLong));
        assertEquals("tenants[0].password: must be 1-8 characters (was 9), or a hash from './edge hash-password'",
                message);
        String carrier = refused(
                "carriers:\n  - {id: a, systemId: s, password: 'env:EDGE_PW', endpoints: [{host: h, port: 1}]}\n",
                Map.of("EDGE_PW", tooLong));
        assertEquals("carriers[0].password: must be 1-8 characters (was 9, from environment variable EDGE_PW; "
                + "its value is not shown)", carrier);
        String shortToken = refused("admin: {token: 'env:EDGE_TOKEN'}", Map.of("EDGE_TOKEN", "short-tok"));
        assertEquals("admin.token: must be at least 16 characters (was 9; its value is not shown)", shortToken);
        assertFalse(message.contains(tooLong) || carrier.contains(tooLong) || shortToken.contains("short-tok"));
    }

    @Test
    void aPasswordHashMayBeWrittenInTheFileOrComeFromTheEnvironmentAndABadOneIsRefused() {
        String hash = PasswordHash.create("pw", 1000);
        String yaml = CARRIER + "tenants:\n  - {id: t, systemId: t, password: 'env:EDGE_HASH'}\n";
        assertEquals(hash, ConfigLoader.parse(yaml, SecretResolver.of(Map.of("EDGE_HASH", hash))).tenants().get(0)
                .password());
        assertEquals(hash, ConfigLoader.parse(CARRIER + "tenants:\n  - {id: t, systemId: t, password: '" + hash
                + "'}\n").tenants().get(0).password());
        assertEquals("tenants[0].password: hash iterations must be a number",
                refused(yaml, Map.of("EDGE_HASH", PasswordHash.PREFIX + "many:c2FsdHNhbHQ:aGFzaA")));
    }

    @Test
    void aPlainSecretIsHeldToTheSameLengthsAsOneFromTheEnvironment() {
        SecretResolver none = SecretResolver.of(Map.of());
        assertEquals("k: must be 1-8 characters (was 9)",
                assertThrows(ConfigException.class, () -> none.resolve("k", "123456789", 1, 8)).getMessage());
        assertEquals("carriers[0].password: must be 1-8 characters (was 9)",
                refused("carriers:\n  - {id: a, systemId: s, password: '123456789', endpoints: [{host: h, port: 1}]}\n",
                        Map.of()));
    }
}
