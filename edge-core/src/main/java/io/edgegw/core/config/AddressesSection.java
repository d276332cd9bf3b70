package io.edgegw.core.config;

import io.edgegw.core.address.AddressRules;
import io.edgegw.core.address.NumberPlan;
import io.edgegw.core.address.SenderRule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A tenant's {@code senders} and {@code destinations}: the sender ids it may use (each pattern compiled here, once)
 * and how its destinations become E.164. Both absent: {@link AddressRules#NONE}, today's behaviour.
 */
final class AddressesSection {
    static final List<String> KEYS = List.of("senders", "destinations");
    /** Enough for a tenant's brands, short codes and number ranges; a longer list wants a pattern. */
    static final int MAX_RULES = 100;
    static final int MAX_PATTERN = 200;

    private AddressesSection() {
    }

    static AddressRules read(ConfigNode tenant) {
        if (!tenant.has("senders") && !tenant.has("destinations")) {
            return AddressRules.NONE;
        }
        NumberPlan plan = tenant.has("destinations") ? plan(tenant.child("destinations")) : null;
        List<SenderRule> senders = tenant.has("senders") ? senders(tenant.child("senders")) : List.of();
        return new AddressRules(senders, plan);
    }

    private static List<SenderRule> senders(ConfigNode s) {
        s.only("allow");
        List<ConfigNode> allow = s.list("allow");
        if (allow.isEmpty()) {
            throw s.bad("allow", "needs at least one rule (leave senders out to allow any sender)");
        }
        if (allow.size() > MAX_RULES) {
            throw s.bad("allow", "at most " + MAX_RULES + " rules (was " + allow.size() + ")");
        }
        List<SenderRule> rules = new ArrayList<>();
        for (ConfigNode r : allow) {
            r.only("type", "pattern");
            String type = r.oneOf("type", null, "alphanumeric", "shortcode", "number");
            String pattern = r.required("pattern", MAX_PATTERN);
            try {
                rules.add(new SenderRule(SenderRule.Type.valueOf(type.toUpperCase(Locale.ROOT)),
                        Pattern.compile(pattern)));
            } catch (PatternSyntaxException e) {
                throw r.bad("pattern", "not a regular expression: " + e.getDescription() + " near index "
                        + e.getIndex());
            }
        }
        return List.copyOf(rules);
    }

    private static NumberPlan plan(ConfigNode d) {
        d.only("countryCode", "nationalPrefix", "internationalPrefix");
        return new NumberPlan(d.digits("countryCode", null, 1, 3), d.digits("nationalPrefix", "0", 0, 4),
                d.digits("internationalPrefix", "00", 0, 4));
    }
}
