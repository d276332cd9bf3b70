package io.edgegw.core.usage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;

/**
 * One call rated. A per-minute price billed by the second has no exact decimal in general (0.01 a minute for 7 s),
 * so the exact amounts are kept sixty times over (price per minute × billed seconds) and divided by 60 only when
 * presented, rounded half-even to the currency's minor unit.
 *
 * @param billedSeconds     the seconds the tenant's plan bills (its increment applied)
 * @param amountTimes60     per-minute price × {@code billedSeconds}, exact
 * @param costBilledSeconds the seconds the carrier bills (its own increment)
 * @param costTimes60       its per-minute cost × {@code costBilledSeconds}, exact; null when its cost is unknown
 */
public record CallRating(long seconds, long billedSeconds, BigDecimal amountTimes60, Currency currency,
                         long costBilledSeconds, BigDecimal costTimes60, Currency costCurrency) {
    static final BigDecimal SIXTY = BigDecimal.valueOf(60);

    /** The amount, rounded half-even to the plan currency's minor unit. */
    public BigDecimal amount() {
        return present(amountTimes60, currency);
    }

    /** The carrier's cost, rounded half-even to its currency's minor unit; null when unknown. */
    public BigDecimal cost() {
        return costTimes60 == null ? null : present(costTimes60, costCurrency);
    }

    /** Amount less cost, computed exactly then rounded once; null when the cost is unknown or in another currency. */
    public BigDecimal margin() {
        return costTimes60 == null || !currency.equals(costCurrency) ? null
                : present(amountTimes60.subtract(costTimes60), currency);
    }

    static BigDecimal present(BigDecimal times60, Currency currency) {
        return times60.divide(SIXTY, currency.getDefaultFractionDigits(), RoundingMode.HALF_EVEN);
    }
}
