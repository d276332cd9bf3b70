package io.edgegw.core.config;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Every pricing value the loader refuses, each with a message naming the field. */
class PricingRefusalsTest {
    /** Tenant acme, carrier a, and plan std (EUR, 0.05 a segment anywhere); a test appends to the pricing mapping. */
    static final String BASE = """
            tenants:
              - {id: acme, systemId: acme, password: p}
            carriers:
              - {id: a, systemId: s, password: p, endpoints: [{host: h, port: 1}]}
            pricing:
              plans:
                - {id: std, currency: EUR, sms: [{prefix: "", price: "0.05"}]}
            """;

    static String refused(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml), yaml).getMessage();
    }

    /** A second plan, {@code fields} added to its mapping. */
    private static String plan(String fields) {
        return BASE + "    - {id: p2, " + fields + "}\n";
    }

    /** A second plan with {@code sms} as its outbound list. */
    private static String sms(String entries) {
        return plan("currency: EUR, sms: [" + entries + "]");
    }

    @Test
    void theBaseIsAccepted() {
        assertEquals("std", ConfigLoader.parse(BASE + "  tenants: {acme: std}\n").pricing().tenantPlans().get("acme"));
    }

    @Test
    void aCurrencyMustBeAnIso4217CodeWithAMinorUnit() {
        String why = ": must be an ISO 4217 code of 3 capital letters (was '%s')";
        for (String bad : new String[] {"euro", "eur", "EU", "ABC", "E1R"}) {
            assertEquals("pricing.plans[1].currency" + why.formatted(bad),
                    refused(plan("currency: " + bad + ", sms: [{prefix: '', price: 1}]")));
        }
        assertEquals("pricing.plans[1].currency: 'XAU' has no minor unit to round to (not a currency of payment)",
                refused(plan("currency: XAU, sms: [{prefix: '', price: 1}]")));
        assertEquals("pricing.carriers.a.currency: must be an ISO 4217 code of 3 capital letters (was 'euro')",
                refused(BASE + "  carriers: {a: {currency: euro}}\n"));
        assertEquals("pricing.plans[1].currency: is required", refused(plan("sms: [{prefix: '', price: 1}]")));
    }

    @Test
    void tiersStartAtZeroAndStrictlyAscend() {
        String plan = "currency: EUR, sms: [{prefix: '', price: 1}], tiers: ";
        assertEquals("pricing.plans[1].tiers[2].from: tiers must ascend: must be above the previous tier's 1000 "
                + "(was 1000)", refused(plan(plan + "[{from: 0, multiplier: 1}, {from: 1000, multiplier: 0.9}, "
                + "{from: 1000, multiplier: 0.8}]")));
        assertEquals("pricing.plans[1].tiers[2].from: tiers must ascend: must be above the previous tier's 1000 "
                + "(was 500)", refused(plan(plan + "[{from: 0, multiplier: 1}, {from: 1000, multiplier: 0.9}, "
                + "{from: 500, multiplier: 0.8}]")));
        assertEquals("pricing.plans[1].tiers[0].from: the first tier must start from 0 (was 100)",
                refused(plan(plan + "[{from: 100, multiplier: 1}]")));
        assertEquals("pricing.plans[1].tiers[0].from: is required", refused(plan(plan + "[{multiplier: 1}]")));
        assertEquals("pricing.plans[1].tiers[1].multiplier: must be at most 1 (was 1.5)",
                refused(plan(plan + "[{from: 0, multiplier: 1}, {from: 10, multiplier: 1.5}]")));
        assertEquals("pricing.plans[1].tiers[0].multiplier: is required", refused(plan(plan + "[{from: 0}]")));
        assertEquals("pricing.plans[1].tiers: at most 32 tiers (was 33)", refused(plan(plan + "["
                + "{from: 0, multiplier: 1}, ".repeat(33) + "]")));
    }

    @Test
    void aTenantsPlanMustExistAndTheTenantToo() {
        assertEquals("pricing.tenants.acme: unknown plan 'gold'", refused(BASE + "  tenants: {acme: gold}\n"));
        assertEquals("pricing.tenants.nobody: unknown tenant (not in tenants[])",
                refused(BASE + "  tenants: {nobody: std}\n"));
        assertEquals("pricing.tenants: must be a mapping", refused(BASE + "  tenants: [acme]\n"));
        assertEquals("pricing.carriers.b: unknown carrier (not in carriers[])",
                refused(BASE + "  carriers: {b: {currency: EUR}}\n"));
        assertEquals("pricing.plans[1].id: duplicate plan id 'std'",
                refused(BASE + "    - {id: std, currency: EUR, sms: [{prefix: '', price: 1}]}\n"));
    }

    @Test
    void anAmountIsADecimalFromZeroToAMillionWithAtMostEightPlaces() throws Exception {
        assertEquals("pricing.plans[1].sms[1].price: must be >= 0 (was -0.01)",
                refused(sms("{prefix: '', price: 1}, {prefix: '44', price: '-0.01'}")));
        assertEquals("pricing.plans[1].sms[1].price: must be >= 0 (was -0.01)",
                refused(sms("{prefix: '', price: 1}, {prefix: '44', price: -0.01}")));
        assertEquals("pricing.plans[1].sms[0].price: at most 8 decimal places (was 0.000000001)",
                refused(sms("{prefix: '', price: '0.000000001'}")));
        assertEquals("pricing.plans[1].sms[0].price: must be at most 1000000 (was 1000000.5)",
                refused(sms("{prefix: '', price: '1000000.5'}")));
        assertEquals("pricing.plans[1].sms[0].price: must be a decimal number like 0.0035 (was 'cheap')",
                refused(sms("{prefix: '', price: cheap}")));
        // YAML itself refuses .nan; a tree handed to fromTree (the launcher's way) may still hold one
        ObjectNode tree = (ObjectNode) new ObjectMapper(new YAMLFactory()).readTree(sms("{prefix: '', price: 1}"));
        ((ObjectNode) tree.at("/pricing/plans/1/sms/0")).put("price", Double.NaN);
        assertEquals("pricing.plans[1].sms[0].price: must be a finite number (was 'NaN')",
                assertThrows(ConfigException.class, () -> ConfigLoader.fromTree(tree)).getMessage());
        assertEquals("pricing.plans[1].sms[0].price: is required", refused(sms("{prefix: ''}")));
        assertEquals("pricing.carriers.a.sms[0].cost: must be >= 0 (was -1)",
                refused(BASE + "  carriers: {a: {currency: EUR, sms: [{prefix: '', cost: -1}]}}\n"));
    }

    @Test
    void aPrefixIsUpToFifteenDigitsOncePerListWithADefault() {
        assertEquals("pricing.plans[1].sms[1].prefix: must be digits only (was '44a')",
                refused(sms("{prefix: '', price: 1}, {prefix: '44a', price: 1}")));
        assertEquals("pricing.plans[1].sms[1].prefix: must be digits only (was '+44')",
                refused(sms("{prefix: '', price: 1}, {prefix: '+44', price: 1}")));
        assertEquals("pricing.plans[1].sms[1].prefix: must be at most 15 characters (was 16)",
                refused(sms("{prefix: '', price: 1}, {prefix: '1234567890123456', price: 1}")));
        assertEquals("pricing.plans[1].sms[1].prefix: duplicate prefix '44'",
                refused(sms("{prefix: '44', price: 1}, {prefix: '44', price: 2}")));
        assertEquals("pricing.plans[1].sms: needs an entry with prefix \"\" (the price of every other destination)",
                refused(sms("{prefix: '44', price: 1}")));
        assertEquals("pricing.plans[1].sms[0].prefix: is required", refused(sms("{price: 1}")));
        assertEquals("pricing.plans[1].sms: is required: the price per outbound segment, with a \"\" prefix for "
                + "every destination", refused(plan("currency: EUR")));
        assertEquals("pricing.plans[1].smsMo: needs an entry with prefix \"\" (the price of every other destination)",
                refused(plan("currency: EUR, sms: [{prefix: '', price: 1}], smsMo: [{prefix: '1', price: 1}]")));
    }

    @Test
    void anIncrementIsFirstSlashNextSecondsEachUpToAnHour() {
        for (String bad : new String[] {"60/0", "60", "0/1", "3601/1", "1/x"}) {
            assertEquals("pricing.plans[1].voice[0].increment: must be FIRST/NEXT seconds, each 1-3600, e.g. 60/60, "
                    + "1/1 or 60/1 (was '" + bad + "')", refused(plan("currency: EUR, sms: [{prefix: '', price: 1}], "
                    + "voice: [{prefix: '', perMinute: 1, increment: '" + bad + "'}]")));
        }
        assertEquals(new BillingIncrement(60, 1), ConfigLoader.parse(plan("currency: EUR, sms: [{prefix: '', "
                + "price: 1}], voice: [{prefix: '', perMinute: 1, increment: 60/1}]")).pricing().plan("p2").voice()
                .get(0).increment());
        assertEquals(BillingIncrement.PER_MINUTE, ConfigLoader.parse(plan("currency: EUR, sms: [{prefix: '', "
                + "price: 1}], voice: [{prefix: '', perMinute: 1}]")).pricing().plan("p2").voice().get(0).increment());
    }

    @Test
    void theNumberOfPlansIsBounded() {
        StringBuilder yaml = new StringBuilder("pricing:\n  plans:\n");
        for (int i = 0; i <= PricingSection.MAX_PLANS; i++) {
            yaml.append("    - {id: p").append(i).append(", currency: EUR, sms: [{prefix: '', price: 1}]}\n");
        }
        assertEquals("pricing.plans: at most 1000 plans (was 1001)", refused(yaml.toString()));
    }
}
