package io.edgegw.core.config;

import io.edgegw.core.usage.Direction;
import io.edgegw.core.usage.MonthlyUsage;
import io.edgegw.core.usage.Rater;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pricing example of docs/CONFIGURATION.md, read through the loader with every value; its fields documented. */
class PricingConfigTest {
    private static String doc() throws IOException {
        Path doc = Stream.of(Path.of("..", "docs", "CONFIGURATION.md"), Path.of("docs", "CONFIGURATION.md"))
                .filter(Files::isRegularFile).findFirst()
                .orElseThrow(() -> new IllegalStateException("docs/CONFIGURATION.md not found"));
        return Files.readString(doc);
    }

    /** The yaml block under "### Pricing example". */
    static String docExample() throws IOException {
        String text = doc();
        int section = text.indexOf("\n### Pricing example");
        assertTrue(section > 0, "no 'Pricing example' section");
        int from = text.indexOf("```yaml\n", section) + "```yaml\n".length();
        return text.substring(from, text.indexOf("```", from));
    }

    /** The complete example with the pricing example appended. */
    static GatewayConfig withDocExample() throws IOException {
        try (InputStream in = PricingConfigTest.class.getResourceAsStream("/full-example.yaml")) {
            return ConfigLoader.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8) + docExample());
        }
    }

    private static PrefixPrice price(String prefix, String price) {
        return new PrefixPrice(prefix, new BigDecimal(price));
    }

    private static PrefixPrice perMinute(String prefix, String price, int first, int next) {
        return new PrefixPrice(prefix, new BigDecimal(price), new BillingIncrement(first, next));
    }

    @Test
    void theDocumentedExampleReadsBackWithEveryValue() throws IOException {
        PricingConfig p = withDocExample().pricing();
        PricePlan standard = new PricePlan("standard", Currency.getInstance("EUR"),
                List.of(price("", "0.0500"), price("44", "0.0400"), price("447", "0.0350")),
                List.of(price("", "0.0050")),
                List.of(new VolumeTier(0, new BigDecimal("1")), new VolumeTier(150_000, new BigDecimal("0.8")),
                        new VolumeTier(1_000_000, new BigDecimal("0.5"))),
                List.of(perMinute("", "0.0200", 60, 60), perMinute("44", "0.0100", 1, 1),
                        perMinute("1", "0.0090", 60, 1)));
        // an unquoted YAML number is read exactly too; a plan without tiers has the one flat tier
        PricePlan flat = new PricePlan("flat-usd", Currency.getInstance("USD"), List.of(price("", "0.045")),
                List.of(), List.of(), List.of());
        assertEquals(List.of(standard, flat), p.plans());
        assertEquals(List.of(VolumeTier.FLAT), flat.tiers());
        assertEquals(flat, p.plan("flat-usd"));
        assertEquals(Map.of("acme", "standard", "globex", "flat-usd"), p.tenantPlans());
        assertEquals(Map.of(
                "telco-a", new CarrierCost("telco-a", Currency.getInstance("EUR"),
                        List.of(price("", "0.0300"), price("447", "0.0250")), List.of(price("", "0.0010")),
                        List.of(perMinute("", "0.0060", 1, 1))),
                "telco-b", new CarrierCost("telco-b", Currency.getInstance("USD"), List.of(price("", "0.0200")),
                        List.of(), List.of())), p.carrierCosts());
    }

    @Test
    void theDocumentedWorkedFigureIsWhatTheRaterGives() throws IOException {
        // the doc: 149,998 segments to 447 in January, then one message of 5: (2 x 1 + 3 x 0.8) x 0.0350 = 0.1540;
        // the month 149,998 x 0.0350 + 0.1540 = 5,250.084 -> 5,250.08
        MonthlyUsage acme = new MonthlyUsage("acme", new Rater(withDocExample().pricing()));
        long t = Instant.parse("2027-01-10T00:00:00Z").toEpochMilli();
        acme.sms(t, Direction.MT, 149_998, "447700900123", "telco-a");
        assertEquals(0, new BigDecimal("0.1540").compareTo(
                acme.sms(t, Direction.MT, 5, "447700900123", "telco-a").amount()));
        assertEquals(new BigDecimal("5250.08"), acme.totals().amount());
    }

    @Test
    void withoutAPricingSectionNothingIsPriced() {
        GatewayConfig c = ConfigLoader.parse("tenants:\n  - {id: t, systemId: t, password: p}\n");
        assertSame(PricingConfig.NONE, c.pricing());
    }

    @Test
    void everyPricingFieldIsNamedInTheDoc() throws IOException {
        String text = doc();
        List<String> fields = List.of("pricing", "plans", "tenants", "carriers", "id", "currency", "sms", "smsMo",
                "tiers", "voice", "prefix", "price", "perMinute", "increment", "from", "multiplier", "cost",
                "costPerMinute");
        for (String f : fields) {
            assertTrue(text.contains("`" + f + "`"), "docs/CONFIGURATION.md never names `" + f + "`");
        }
        // and the list above is what the loader knows: an unknown key in each place lists exactly these
        assertTrue(PricingRefusalsTest.refused("pricing: {zz: 1}\n")
                .endsWith("(known: plans, tenants, carriers)"));
        assertTrue(PricingRefusalsTest.refused("pricing: {plans: [{zz: 1}]}\n")
                .endsWith("(known: id, currency, sms, smsMo, tiers, voice)"));
        assertTrue(PricingRefusalsTest.refused(
                "pricing: {plans: [{id: p, currency: EUR, sms: [{prefix: '', price: 1}], tiers: [{zz: 1}]}]}\n")
                .endsWith("(known: from, multiplier)"));
        assertTrue(PricingRefusalsTest.refused(
                "pricing: {plans: [{id: p, currency: EUR, sms: [{prefix: '', price: 1}], voice: [{zz: 1}]}]}\n")
                .endsWith("(known: prefix, perMinute, increment)"));
        assertTrue(PricingRefusalsTest.refused(PricingRefusalsTest.BASE + "  carriers: {a: {zz: 1}}\n")
                .endsWith("(known: currency, sms, smsMo, voice)"));
        assertTrue(PricingRefusalsTest.refused(PricingRefusalsTest.BASE
                + "  carriers: {a: {currency: EUR, voice: [{zz: 1}]}}\n")
                .endsWith("(known: prefix, costPerMinute, increment)"));
    }
}
