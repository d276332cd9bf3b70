package io.edgegw.core.address;

import java.util.List;

/**
 * A tenant's address rules, read once from its config: which sender ids it may use, and how its destinations are
 * turned into E.164. Protocol-neutral and immutable; safe from any thread. With neither configured ({@link #NONE})
 * every sender passes and destinations go on as written, without a look at either.
 *
 * @param senders      allowed sender ids; empty = any sender
 * @param destinations how destinations are normalised; null = left as written, unchecked
 */
public record AddressRules(List<SenderRule> senders, NumberPlan destinations) {
    public static final AddressRules NONE = new AddressRules(List.of(), null);

    public AddressRules {
        senders = List.copyOf(senders);
    }

    /** True when nothing is checked: the submit path then skips the rules entirely. */
    public boolean isOpen() {
        return senders.isEmpty() && destinations == null;
    }

    /** Whether the tenant may send from this source; any source when it has no sender rules. */
    public boolean senderAllowed(byte ton, String source) {
        if (senders.isEmpty()) {
            return true;
        }
        if (source == null || source.length() > NumberPlan.ADDRESS_MAX) {
            return false;
        }
        String number = null;
        boolean normalised = false;
        for (int i = 0; i < senders.size(); i++) {
            SenderRule rule = senders.get(i);
            switch (rule.type()) {
                case ALPHANUMERIC -> {
                    if (ton == Ton.ALPHANUMERIC && SenderRule.isAlphanumericId(source) && rule.matches(source)) {
                        return true;
                    }
                }
                case SHORTCODE -> {
                    if ((ton == Ton.NETWORK_SPECIFIC || ton == Ton.UNKNOWN) && SenderRule.isShortCode(source)
                            && rule.matches(source)) {
                        return true;
                    }
                }
                case NUMBER -> {
                    if (!normalised) {
                        normalised = true;
                        number = isNumberTon(ton) ? plan().normalise(ton, source) : null;
                    }
                    if (number != null && number.length() >= NumberPlan.E164_MIN_DIGITS && rule.matches(number)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /**
     * The destination to route and store: {@code destination} itself when it stands as written (no plan, a TON other
     * than 0-2, or already E.164), its E.164 digits when the plan rewrote it, or null when it cannot be a number
     * (not digits, or a TON 1 number outside 7-15 digits).
     */
    public String destination(byte ton, String destination) {
        if (destinations == null || !isNumberTon(ton)) {
            return destination;
        }
        return destination == null ? null : destinations.normalise(ton, destination);
    }

    private NumberPlan plan() {
        return destinations == null ? NumberPlan.INTERNATIONAL_ONLY : destinations;
    }

    private static boolean isNumberTon(byte ton) {
        return ton == Ton.UNKNOWN || ton == Ton.INTERNATIONAL || ton == Ton.NATIONAL;
    }
}
