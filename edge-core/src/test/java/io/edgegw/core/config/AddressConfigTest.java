package io.edgegw.core.config;

import io.edgegw.core.address.AddressRules;
import io.edgegw.core.address.NumberPlan;
import io.edgegw.core.address.SenderRule;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 14: a tenant's {@code senders} and {@code destinations}, read once and bounded; refusals name the field. */
class AddressConfigTest {
    private static TenantConfig tenant(String keys) {
        return ConfigLoader.parse("tenants:\n  - { id: acme, systemId: acme, password: pw, " + keys + " }\n")
                .tenants().get(0);
    }

    private static String refusal(String keys) {
        return assertThrows(ConfigException.class, () -> tenant(keys)).getMessage();
    }

    @Test
    void aTenantWithoutTheKeysHasNoRules() {
        TenantConfig t = ConfigLoader.parse("tenants:\n  - { id: acme, systemId: acme, password: pw }\n")
                .tenants().get(0);
        assertSame(AddressRules.NONE, t.addresses());
        assertTrue(t.addresses().isOpen());
    }

    @Test
    void rulesAndNumberPlanAreReadWithTheirDefaults() {
        TenantConfig t = tenant("senders: { allow: [ { type: alphanumeric, pattern: 'ACME.*' },"
                + " { type: shortcode, pattern: '12345' }, { type: number, pattern: '4470000\\d{5}' } ] },"
                + " destinations: { countryCode: 44 }");
        assertEquals(3, t.addresses().senders().size());
        assertEquals(SenderRule.Type.NUMBER, t.addresses().senders().get(2).type());
        assertEquals("4470000\\d{5}", t.addresses().senders().get(2).pattern().pattern());
        assertEquals(new NumberPlan("44", "0", "00"), t.addresses().destinations());
        assertTrue(!t.addresses().isOpen());
    }

    @Test
    void aPatternThatDoesNotCompileIsRefusedByItsPath() {
        String e = refusal("senders: { allow: [ { type: shortcode, pattern: '1' }, { type: alphanumeric,"
                + " pattern: 'ACME(' } ] }");
        assertTrue(e.startsWith("tenants[0].senders.allow[1].pattern: not a regular expression"), e);
    }

    @Test
    void anUnknownTypeIsRefusedListingTheTypes() {
        String e = refusal("senders: { allow: [ { type: email, pattern: 'x' } ] }");
        assertTrue(e.startsWith("tenants[0].senders.allow[0].type: must be one of alphanumeric, shortcode, number"), e);
    }

    @Test
    void ruleCountAndPatternLengthAreBounded() {
        String many = "{ type: shortcode, pattern: '1' }, ".repeat(101);
        String e = refusal("senders: { allow: [ " + many.substring(0, many.length() - 2) + " ] }");
        assertTrue(e.startsWith("tenants[0].senders.allow: at most 100 rules (was 101)"), e);
        e = refusal("senders: { allow: [ { type: alphanumeric, pattern: '" + "A".repeat(201) + "' } ] }");
        assertTrue(e.startsWith("tenants[0].senders.allow[0].pattern: must be 1-200 characters"), e);
    }

    @Test
    void anEmptyAllowListIsRefusedRatherThanMeaningNobody() {
        String e = refusal("senders: { allow: [] }");
        assertTrue(e.startsWith("tenants[0].senders.allow: needs at least one rule"), e);
    }

    @Test
    void theNumberPlanIsDigitsWithACountryCode() {
        assertTrue(refusal("destinations: { nationalPrefix: '0' }")
                .startsWith("tenants[0].destinations.countryCode: is required"));
        assertTrue(refusal("destinations: { countryCode: '+44' }")
                .startsWith("tenants[0].destinations.countryCode: must be digits only"));
        assertTrue(refusal("destinations: { countryCode: '4444' }")
                .startsWith("tenants[0].destinations.countryCode: must be 1-3 characters"));
        assertTrue(refusal("destinations: { countryCode: '44', trunk: '0' }")
                .startsWith("tenants[0].destinations.trunk: unknown field"));
        assertTrue(refusal("senders: { deny: [] }").startsWith("tenants[0].senders.deny: unknown field"));
        assertEquals(new NumberPlan("39", "", "00"),
                tenant("destinations: { countryCode: '39', nationalPrefix: '' }").addresses().destinations());
    }
}
