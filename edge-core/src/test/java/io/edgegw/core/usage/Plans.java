package io.edgegw.core.usage;

import io.edgegw.core.config.ConfigLoader;
import io.edgegw.core.config.PricingConfig;

import java.math.BigDecimal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The pricing the usage tests rate by, read through the real loader; the figures worked out by hand come from it. */
final class Plans {
    /**
     * Tenant acme on plan "standard" (EUR): MT per segment 0.0500 anywhere, 0.0400 to 44, 0.0350 to 447; MO 0.0050;
     * tiers: segments 1-150,000 at x1, 150,001-1,000,000 at x0.8, beyond at x0.5; calls 0.0200/min 60/60 anywhere,
     * 0.0100/min 1/1 to 44, 0.0090/min 60/1 to 1. Tenant globex has no plan. Carrier telco-a (EUR): MT 0.0300, 0.0250
     * to 447; MO 0.0010; calls 0.0060/min 1/1. Carrier telco-usd bills in USD. Carrier telco-x has no cost.
     */
    static final String YAML = """
            tenants:
              - {id: acme, systemId: acme, password: p}
              - {id: globex, systemId: globex, password: p}
            carriers:
              - {id: telco-a, systemId: s, password: p, endpoints: [{host: h, port: 1}]}
              - {id: telco-usd, systemId: s, password: p, endpoints: [{host: h, port: 1}]}
              - {id: telco-x, systemId: s, password: p, endpoints: [{host: h, port: 1}]}
            pricing:
              plans:
                - id: standard
                  currency: EUR
                  sms:
                    - {prefix: "", price: "0.0500"}
                    - {prefix: "44", price: "0.0400"}
                    - {prefix: "447", price: 0.0350}
                  smsMo:
                    - {prefix: "", price: "0.0050"}
                  tiers:
                    - {from: 0, multiplier: 1}
                    - {from: 150000, multiplier: "0.8"}
                    - {from: 1000000, multiplier: "0.5"}
                  voice:
                    - {prefix: "", perMinute: "0.0200", increment: 60/60}
                    - {prefix: "44", perMinute: "0.0100", increment: 1/1}
                    - {prefix: "1", perMinute: "0.0090", increment: 60/1}
              tenants:
                acme: standard
              carriers:
                telco-a:
                  currency: EUR
                  sms:
                    - {prefix: "", cost: "0.0300"}
                    - {prefix: "447", cost: "0.0250"}
                  smsMo:
                    - {prefix: "", cost: "0.0010"}
                  voice:
                    - {prefix: "", costPerMinute: "0.0060", increment: 1/1}
                telco-usd:
                  currency: USD
                  sms:
                    - {prefix: "", cost: "0.0200"}
            """;

    private Plans() {
    }

    static PricingConfig pricing() {
        return ConfigLoader.parse(YAML).pricing();
    }

    static Rater rater() {
        return new Rater(pricing());
    }

    /** Equal as numbers: an exact amount's scale says how it was computed, not what it is. */
    static void assertAmount(String expected, BigDecimal actual) {
        assertNotNull(actual, "no amount, expected " + expected);
        assertEquals(0, new BigDecimal(expected).compareTo(actual), "expected " + expected + " but was "
                + actual.toPlainString());
    }

    /** Equal including the scale: a presented amount is rounded to the currency's minor unit. */
    static void assertPresented(String expected, BigDecimal actual) {
        assertEquals(new BigDecimal(expected), actual);
    }
}
