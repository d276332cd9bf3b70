package io.edgegw.core.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pricing}: price plans, the plan of each tenant, the cost of each carrier. Amounts are read exactly (quoted
 * text, or a YAML number with at most {@link #MAX_SCALE} decimal places, which a double carries without loss), never
 * negative, and every table is bounded.
 */
final class PricingSection {
    static final int MAX_PLANS = 1000;
    static final int MAX_PREFIXES = 10_000;
    static final int MAX_TIERS = 32;
    static final int PREFIX_MAX_DIGITS = 15;
    static final int MAX_SCALE = 8;
    static final BigDecimal MAX_PRICE = BigDecimal.valueOf(1_000_000);
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,12}(\\.\\d{1,20})?");
    private static final Pattern INCREMENT = Pattern.compile("(\\d{1,4})/(\\d{1,4})");

    private PricingSection() {
    }

    static PricingConfig read(ConfigNode o, List<TenantConfig> tenants, List<CarrierConfig> carriers) {
        o.only("plans", "tenants", "carriers");
        List<ConfigNode> planNodes = o.list("plans");
        if (planNodes.size() > MAX_PLANS) {
            throw o.bad("plans", "at most " + MAX_PLANS + " plans (was " + planNodes.size() + ")");
        }
        List<PricePlan> plans = new ArrayList<>();
        Set<String> planIds = new HashSet<>();
        for (ConfigNode p : planNodes) {
            PricePlan plan = plan(p);
            if (!planIds.add(plan.id())) {
                throw p.bad("id", "duplicate plan id '" + plan.id() + "'");
            }
            plans.add(plan);
        }
        Set<String> tenantIds = new HashSet<>();
        tenants.forEach(t -> tenantIds.add(t.id()));
        Set<String> carrierIds = new HashSet<>();
        carriers.forEach(c -> carrierIds.add(c.id()));
        PricingConfig pricing = new PricingConfig(plans, tenantPlans(o.child("tenants"), tenantIds, planIds),
                carrierCosts(o.child("carriers"), carrierIds));
        return pricing.equals(PricingConfig.NONE) ? PricingConfig.NONE : pricing;
    }

    private static PricePlan plan(ConfigNode p) {
        p.only("id", "currency", "sms", "smsMo", "tiers", "voice");
        String id = p.identifier("id");
        Currency currency = currency(p);
        List<PrefixPrice> sms = prices(p, "sms", "price", false);
        if (sms.isEmpty()) {
            throw p.bad("sms", "is required: the price per outbound segment, with a \"\" prefix for every destination");
        }
        return new PricePlan(id, currency, sms, prices(p, "smsMo", "price", false), tiers(p),
                prices(p, "voice", "perMinute", true));
    }

    static Currency currency(ConfigNode n) {
        String code = n.required("currency", 16);
        Currency c = null;
        if (code.matches("[A-Z]{3}")) {
            try {
                c = Currency.getInstance(code);
            } catch (IllegalArgumentException e) {
                c = null;
            }
        }
        if (c == null) {
            throw n.bad("currency", "must be an ISO 4217 code of 3 capital letters (was '" + code + "')");
        }
        if (c.getDefaultFractionDigits() < 0) {
            throw n.bad("currency", "'" + code + "' has no minor unit to round to (not a currency of payment)");
        }
        return c;
    }

    /** A list of {prefix, (amount field), [increment]}: digits-only prefixes, each once, one of them {@code ""}. */
    private static List<PrefixPrice> prices(ConfigNode owner, String field, String amountField, boolean calls) {
        List<ConfigNode> entries = owner.list(field);
        if (entries.size() > MAX_PREFIXES) {
            throw owner.bad(field, "at most " + MAX_PREFIXES + " prefixes (was " + entries.size() + ")");
        }
        List<PrefixPrice> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigNode e : entries) {
            if (calls) {
                e.only("prefix", amountField, "increment");
            } else {
                e.only("prefix", amountField);
            }
            String prefix = e.digits("prefix", null, 0, PREFIX_MAX_DIGITS);
            if (!seen.add(prefix)) {
                throw e.bad("prefix", "duplicate prefix '" + prefix + "'");
            }
            BigDecimal amount = decimal(e, amountField, MAX_PRICE);
            out.add(new PrefixPrice(prefix, amount, calls ? increment(e) : null));
        }
        if (!out.isEmpty() && !seen.contains("")) {
            throw owner.bad(field, "needs an entry with prefix \"\" (the price of every other destination)");
        }
        return out;
    }

    private static BillingIncrement increment(ConfigNode e) {
        String text = e.text("increment", BillingIncrement.PER_MINUTE.toString(), 1, 16);
        Matcher m = INCREMENT.matcher(text);
        int first = m.matches() ? Integer.parseInt(m.group(1)) : 0;
        int next = m.matches() ? Integer.parseInt(m.group(2)) : 0;
        if (first < 1 || next < 1 || first > BillingIncrement.MAX_SECONDS || next > BillingIncrement.MAX_SECONDS) {
            throw e.bad("increment", "must be FIRST/NEXT seconds, each 1-" + BillingIncrement.MAX_SECONDS
                    + ", e.g. 60/60, 1/1 or 60/1 (was '" + text + "')");
        }
        return new BillingIncrement(first, next);
    }

    private static List<VolumeTier> tiers(ConfigNode p) {
        List<ConfigNode> nodes = p.list("tiers");
        if (nodes.size() > MAX_TIERS) {
            throw p.bad("tiers", "at most " + MAX_TIERS + " tiers (was " + nodes.size() + ")");
        }
        List<VolumeTier> out = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            ConfigNode t = nodes.get(i);
            t.only("from", "multiplier");
            long from = t.integer("from", -1, i == 0 ? 0 : 1, Integer.MAX_VALUE);
            if (from < 0) {
                throw t.bad("from", "is required");
            }
            if (i == 0 && from != 0) {
                throw t.bad("from", "the first tier must start from 0 (was " + from + ")");
            }
            if (i > 0 && from <= out.get(i - 1).from()) {
                throw t.bad("from", "tiers must ascend: must be above the previous tier's " + out.get(i - 1).from()
                        + " (was " + from + ")");
            }
            out.add(new VolumeTier(from, decimal(t, "multiplier", BigDecimal.ONE)));
        }
        return out;
    }

    private static Map<String, String> tenantPlans(ConfigNode o, Set<String> tenants, Set<String> plans) {
        o.only(o.json().isObject() ? List.copyOf(fieldNames(o)) : List.of()); // refuses a tenants that is no mapping
        Map<String, String> out = new LinkedHashMap<>();
        for (String tenant : fieldNames(o)) {
            if (!tenants.contains(tenant)) {
                throw o.bad(echo(tenant), "unknown tenant (not in tenants[])");
            }
            String plan = o.required(tenant, 64);
            if (!plans.contains(plan)) {
                throw o.bad(tenant, "unknown plan '" + echo(plan) + "'");
            }
            out.put(tenant, plan);
        }
        return out;
    }

    private static Map<String, CarrierCost> carrierCosts(ConfigNode o, Set<String> carriers) {
        o.only(o.json().isObject() ? List.copyOf(fieldNames(o)) : List.of());
        Map<String, CarrierCost> out = new LinkedHashMap<>();
        for (String id : fieldNames(o)) {
            if (!carriers.contains(id)) {
                throw o.bad(echo(id), "unknown carrier (not in carriers[])");
            }
            ConfigNode c = o.child(id);
            c.only("currency", "sms", "smsMo", "voice");
            out.put(id, new CarrierCost(id, currency(c), prices(c, "sms", "cost", false),
                    prices(c, "smsMo", "cost", false), prices(c, "voice", "costPerMinute", true)));
        }
        return out;
    }

    private static List<String> fieldNames(ConfigNode o) {
        List<String> names = new ArrayList<>();
        o.json().fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** A value from the file as an error may quote it: cut short, so a huge one is not echoed whole. */
    private static String echo(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    /** A required exact amount, 0-{@code max}, at most {@link #MAX_SCALE} decimal places. */
    static BigDecimal decimal(ConfigNode n, String field, BigDecimal max) {
        JsonNode v = n.json().get(field);
        if (v == null || v.isNull()) {
            throw n.bad(field, "is required");
        }
        if (v.isNumber() && !v.isIntegralNumber() && !Double.isFinite(v.doubleValue())) {
            throw n.bad(field, "must be a finite number (was '" + v.asText() + "')");
        }
        // A YAML number arrives as a double; its shortest text is the written number when that has few decimals.
        String text = v.isNumber() ? (v.isIntegralNumber() ? v.bigIntegerValue().toString() : v.decimalValue()
                .toPlainString()) : v.isTextual() ? v.asText().trim() : null;
        if (text != null && text.startsWith("-")) {
            throw n.bad(field, "must be >= 0 (was " + echo(text) + ")");
        }
        if (text == null || !DECIMAL.matcher(text).matches()) {
            throw n.bad(field, "must be a decimal number like 0.0035 (was '" + echo(v.asText()) + "')");
        }
        BigDecimal d = new BigDecimal(text);
        if (d.stripTrailingZeros().scale() > MAX_SCALE) {
            throw n.bad(field, "at most " + MAX_SCALE + " decimal places (was " + text + ")");
        }
        if (d.compareTo(max) > 0) {
            throw n.bad(field, "must be at most " + max.toPlainString() + " (was " + text + ")");
        }
        return d;
    }
}
