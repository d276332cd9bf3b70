package io.edgegw.core.usage;

import java.math.BigDecimal;
import java.util.Currency;

/**
 * One SMS event rated: exact amounts, not rounded (rounding is for totals, see {@link UsageTotals}).
 *
 * @param amount       what the tenant pays, in {@code currency} (its plan's)
 * @param cost         what the carrier charges, in {@code costCurrency}; null when that carrier's cost is unknown
 */
public record SmsRating(Direction direction, int segments, BigDecimal amount, Currency currency, BigDecimal cost,
                        Currency costCurrency) {

    /** Amount less cost, exact; null when the cost is unknown or in another currency (no exchange rates here). */
    public BigDecimal margin() {
        return cost == null || !currency.equals(costCurrency) ? null : amount.subtract(cost);
    }
}
