package io.edgegw.core.usage;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Currency;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tenant's usage per UTC day of the months the usage reader keeps (the current and the closed one), immutable:
 * published by the reader ({@link MonthlyUsage#days}) and summed over a range of days by any thread without a lock.
 * At most 62 days are held; a day with no event is absent.
 */
public final class UsageDays {
    static final UsageDays EMPTY = new UsageDays(Map.of());

    /** One day's exact sums (amounts and costs ×60, see {@link CallRating}). */
    record Day(long messages, long segments, long moMessages, long moSegments, long calls, long billedSeconds,
               long routed, long costUnknown, BigDecimal amountTimes60, Map<Currency, BigDecimal> costTimes60) {
        Day {
            costTimes60 = Map.copyOf(costTimes60);
        }
    }

    private final Map<LocalDate, Day> days;

    private UsageDays(Map<LocalDate, Day> days) {
        this.days = days;
    }

    /** These days with {@code changed} replacing theirs, and none before {@code oldest} (null: none kept). */
    UsageDays with(Map<LocalDate, Day> changed, YearMonth oldest) {
        if (changed.isEmpty() && (oldest == null || days.keySet().stream().noneMatch(d -> d.isBefore(oldest.atDay(1))))) {
            return this;
        }
        Map<LocalDate, Day> next = new HashMap<>(days);
        next.putAll(changed);
        if (oldest == null) {
            next.clear();
        } else {
            next.keySet().removeIf(d -> d.isBefore(oldest.atDay(1)));
        }
        return new UsageDays(Map.copyOf(next));
    }

    /**
     * The totals of days {@code from} to {@code to} inclusive (UTC); the tier is the one reached by the end of
     * {@code to} in its month.
     */
    public UsageTotals totals(String tenantId, Rater rater, LocalDate from, LocalDate to) {
        long messages = 0;
        long segments = 0;
        long moMessages = 0;
        long moSegments = 0;
        long calls = 0;
        long billedSeconds = 0;
        long routed = 0;
        long costUnknown = 0;
        BigDecimal amount = BigDecimal.ZERO;
        Map<Currency, BigDecimal> costs = new LinkedHashMap<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            Day day = days.get(d);
            if (day == null) {
                continue;
            }
            messages += day.messages();
            segments += day.segments();
            moMessages += day.moMessages();
            moSegments += day.moSegments();
            calls += day.calls();
            billedSeconds += day.billedSeconds();
            routed += day.routed();
            costUnknown += day.costUnknown();
            amount = amount.add(day.amountTimes60());
            day.costTimes60().forEach((c, v) -> costs.merge(c, v, BigDecimal::add));
        }
        long monthToDate = 0;
        for (LocalDate d = to.withDayOfMonth(1); !d.isAfter(to); d = d.plusDays(1)) {
            Day day = days.get(d);
            monthToDate += day == null ? 0 : day.segments();
        }
        return totals(tenantId, rater, from, to, new Day(messages, segments, moMessages, moSegments, calls,
                billedSeconds, routed, costUnknown, amount, costs), monthToDate);
    }

    /**
     * Sums presented: each amount rounded once, half-even, to its currency's minor unit; the margin only when every
     * cost is known and in the plan's currency.
     *
     * @param monthToDate the MT segments of {@code to}'s month through {@code to}, for the tier reached
     */
    static UsageTotals totals(String tenantId, Rater rater, LocalDate from, LocalDate to, Day sums, long monthToDate) {
        Currency currency = rater.currency(tenantId);
        BigDecimal amount = currency == null ? null : CallRating.present(sums.amountTimes60(), currency);
        Map<Currency, BigDecimal> costs = new LinkedHashMap<>();
        sums.costTimes60().forEach((c, v) -> costs.put(c, CallRating.present(v, c)));
        Map<Currency, BigDecimal> costTimes60 = sums.costTimes60();
        boolean oneCurrency = costTimes60.isEmpty() || costTimes60.size() == 1 && costTimes60.containsKey(currency);
        BigDecimal margin = null;
        if (currency != null && sums.costUnknown() == 0 && oneCurrency) {
            margin = CallRating.present(sums.amountTimes60().subtract(costTimes60.getOrDefault(currency,
                    BigDecimal.ZERO)), currency);
        }
        return new UsageTotals(tenantId, YearMonth.from(to), from, to, sums.messages(), sums.segments(),
                sums.moMessages(), sums.moSegments(), sums.calls(), sums.billedSeconds(),
                rater.tierReached(tenantId, monthToDate), amount, currency, costs, sums.costUnknown(), margin,
                sums.routed());
    }
}
