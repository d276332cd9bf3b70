package io.edgegw.core.config;

import io.edgegw.core.text.Alphabet;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14, encodings: what data_coding 0 means (the SMSC default alphabet), per tenant and per carrier. */
class AlphabetConfigTest {
    private static final String CARRIERS = """
            carriers:
              - { id: a, systemId: s, password: p, defaultAlphabet: latin1, endpoints: [{host: h, port: 1}] }
              - { id: b, systemId: s, password: p, defaultAlphabet: ia5, endpoints: [{host: h, port: 1}] }
              - { id: c, systemId: s, password: p, endpoints: [{host: h, port: 1}] }
            """;

    @Test
    void eachTenantAndCarrierHasItsOwnDefaultAlphabetGsm7UnlessSet() {
        GatewayConfig c = ConfigLoader.parse(CARRIERS + """
                tenants:
                  - { id: acme, systemId: acme, password: p, defaultAlphabet: latin1 }
                  - { id: globex, systemId: globex, password: p, defaultAlphabet: gsm7 }
                  - { id: initech, systemId: initech, password: p, defaultAlphabet: ia5 }
                  - { id: umbrella, systemId: umbrella, password: p }
                """);
        assertEquals(Alphabet.LATIN1, c.tenants().get(0).defaultAlphabet());
        assertEquals(Alphabet.GSM7, c.tenants().get(1).defaultAlphabet());
        assertEquals(Alphabet.IA5, c.tenants().get(2).defaultAlphabet());
        assertEquals(Alphabet.GSM7, c.tenants().get(3).defaultAlphabet());
        assertEquals(Alphabet.LATIN1, c.carriers().get(0).defaultAlphabet());
        assertEquals(Alphabet.IA5, c.carriers().get(1).defaultAlphabet());
        assertEquals(Alphabet.GSM7, c.carriers().get(2).defaultAlphabet());
        assertEquals(Alphabet.LATIN1, c.carriers().get(0).withMaxValidity(60).withBindType(CarrierBindType.SPLIT)
                .withReceiptIds(ReceiptIds.AS_IS).defaultAlphabet(), "kept by the with* copies");
        assertEquals(Alphabet.LATIN1, c.tenants().get(0).withRate(5, 5).withWeight(2).defaultAlphabet());
    }

    @Test
    void anAlphabetThatIsNotAnSmscDefaultIsRefusedNamingTheField() {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(CARRIERS
                + "tenants:\n  - {id: t, systemId: t, password: p, defaultAlphabet: ucs2}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].defaultAlphabet"), e.getMessage());
        assertTrue(e.getMessage().contains("gsm7, ia5, latin1"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse("carriers:\n  - { id: a, systemId: s,"
                + " password: p, defaultAlphabet: utf8, endpoints: [{host: h, port: 1}] }\n"));
        assertTrue(e.getMessage().startsWith("carriers[0].defaultAlphabet"), e.getMessage());
        e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(CARRIERS
                + "tenants:\n  - {id: t, systemId: t, password: p, defaultAlphabet: [latin1]}\n"));
        assertTrue(e.getMessage().startsWith("tenants[0].defaultAlphabet"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TenantConfig.DEFAULTS.withDefaultAlphabet(Alphabet.UCS2));
        assertThrows(IllegalArgumentException.class,
                () -> CarrierConfig.DEFAULTS.withDefaultAlphabet(Alphabet.BINARY));
    }
}
