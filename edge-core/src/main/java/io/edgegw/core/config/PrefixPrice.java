package io.edgegw.core.config;

import java.math.BigDecimal;

/**
 * An amount per unit (an SMS segment, or a call minute) for destinations starting with {@code prefix} ({@code ""}
 * for every other destination), exact, in its list's currency.
 *
 * @param increment how call seconds are billed; null for SMS
 */
public record PrefixPrice(String prefix, BigDecimal price, BillingIncrement increment) {
    /** A price per SMS segment. */
    public PrefixPrice(String prefix, BigDecimal price) {
        this(prefix, price, null);
    }
}
