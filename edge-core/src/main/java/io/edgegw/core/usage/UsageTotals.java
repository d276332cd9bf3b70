package io.edgegw.core.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.Map;

/**
 * A tenant's usage for one calendar month (UTC), or a range of UTC days, as presented: each amount is the exact sum
 * rounded once, half-even, to its currency's minor unit.
 *
 * @param month         the month (for a range of days: the month of its last day)
 * @param from          the first day counted (a month's first)
 * @param to            the last day counted, inclusive (a month's last)
 * @param messages      outbound (MT) messages
 * @param segments      outbound segments, the count the volume tiers go by
 * @param tier          index of the tier the last outbound segment fell in (0 for none yet); for a range of days, the
 *                      tier reached by the end of its last day in that day's month
 * @param amount        what the tenant owes, in {@code currency}; null when the tenant has no plan
 * @param costs         carriers' costs by currency (usually one)
 * @param costUnknown   events whose carrier had no cost in the config (they count in no cost)
 * @param margin        amount less cost; null unless every event's cost is known and in {@code currency}
 * @param routed        carrier acceptances of MT messages (ROUTED events; more than messages after failovers)
 */
public record UsageTotals(String tenantId, YearMonth month, LocalDate from, LocalDate to, long messages, long segments, long moMessages,
                          long moSegments, long calls, long billedSeconds, int tier, BigDecimal amount,
                          Currency currency, Map<Currency, BigDecimal> costs, long costUnknown, BigDecimal margin,
                          long routed) {
    public UsageTotals {
        costs = Map.copyOf(costs);
    }

    /** Billed minutes, rounded half-even to two places (display only; the amount was computed by the second). */
    public BigDecimal billedMinutes() {
        return BigDecimal.valueOf(billedSeconds).divide(CallRating.SIXTY, 2, java.math.RoundingMode.HALF_EVEN);
    }
}
