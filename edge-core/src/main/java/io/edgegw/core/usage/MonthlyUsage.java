package io.edgegw.core.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One tenant's usage accumulated per calendar month in UTC: counts, the exact amount, the carriers' exact costs, and
 * the month-to-date outbound segments the {@link Rater}'s volume tiers go by. An event of a later month starts that
 * month afresh (the tiers begin again); the month just closed is kept, so an event stamped a moment before midnight
 * that arrives after the rollover still counts there. An event older than that is not counted and its rating is null
 * ({@link #tooLate()} counts them).
 * <p>
 * Not thread-safe, and takes no lock: it is confined to one thread, the usage journal's reader, which applies a
 * tenant's events in journal order. Per event it allocates only the exact arithmetic and the rating record; the
 * month of an event is found by comparing its time with the current month's bounds.
 */
public final class MonthlyUsage {
    private final String tenantId;
    private final Rater rater;
    private Month current;
    private Month previous;
    private long tooLate;

    public MonthlyUsage(String tenantId, Rater rater) {
        this.tenantId = tenantId;
        this.rater = rater;
    }

    /**
     * Rates and counts an SMS event at {@code epochMillis}: MT segments are priced at the tier each falls in, the
     * event split where it crosses a tier boundary. The carrier's cost is counted only when {@code carrierId} is given
     * (an accepted MT message's cost comes with its {@link #routed} events).
     *
     * @return the rating; null when the tenant has no plan (the event is counted all the same) or it is too late
     */
    public SmsRating sms(long epochMillis, Direction direction, int segments, CharSequence destination,
                         String carrierId) {
        Month m = monthOf(epochMillis);
        if (m == null) {
            return null;
        }
        SmsRating r = rater.sms(tenantId, direction, segments, destination, carrierId, m.segments);
        if (direction == Direction.MT) {
            m.messages++;
            m.segments += segments;
        } else {
            m.moMessages++;
            m.moSegments += segments;
        }
        if (r != null) {
            m.amountTimes60 = m.amountTimes60.add(r.amount().multiply(CallRating.SIXTY));
            if (carrierId != null) {
                m.cost(r.cost(), r.costCurrency(), CallRating.SIXTY);
            }
        }
        return r;
    }

    /**
     * Counts what a carrier charges for an MT message it accepted ({@link UsageRecord#ROUTED}), at
     * {@code epochMillis}: once per carrier that accepted it, so a message sent again after a failover costs twice.
     *
     * @param segments the message's segments; a message no longer found (0 segments, no destination) is a cost unknown
     * @return the cost; null when unknown (that carrier has no cost list, or the message was not found) or too late
     */
    public Rater.Cost routed(long epochMillis, String carrierId, int segments, CharSequence destination) {
        Month m = monthOf(epochMillis);
        if (m == null) {
            return null;
        }
        m.routed++;
        Rater.Cost c = segments <= 0 && destination.isEmpty() ? null
                : rater.smsCost(carrierId, Direction.MT, segments, destination);
        m.cost(c == null ? null : c.amount(), c == null ? null : c.currency(), CallRating.SIXTY);
        return c;
    }

    /** Rates and counts an answered call of {@code seconds} at {@code epochMillis}; null as for {@link #sms}. */
    public CallRating call(long epochMillis, long seconds, CharSequence destination, String carrierId) {
        Month m = monthOf(epochMillis);
        if (m == null) {
            return null;
        }
        CallRating r = rater.call(tenantId, seconds, destination, carrierId);
        m.calls++;
        if (r != null) {
            m.billedSeconds += r.billedSeconds();
            m.amountTimes60 = m.amountTimes60.add(r.amountTimes60());
            m.cost(r.costTimes60(), r.costCurrency(), BigDecimal.ONE);
        }
        return r;
    }

    /** The current month's totals, or null before the first event. */
    public UsageTotals totals() {
        return current == null ? null : current.totals();
    }

    /** The totals of {@code month} when it is the current or the closed month, else null. */
    public UsageTotals totals(YearMonth month) {
        Month m = current != null && current.month.equals(month) ? current
                : previous != null && previous.month.equals(month) ? previous : null;
        return m == null ? null : m.totals();
    }

    /** Events older than the month just closed, not counted anywhere. */
    public long tooLate() {
        return tooLate;
    }

    /** The month an event at {@code epochMillis} counts in, rolling over to it when it is later; null if too late. */
    private Month monthOf(long epochMillis) {
        if (current != null && current.contains(epochMillis)) {
            return current;
        }
        if (previous != null && previous.contains(epochMillis)) {
            return previous;
        }
        YearMonth month = YearMonth.from(Instant.ofEpochMilli(epochMillis).atOffset(ZoneOffset.UTC));
        if (current != null && month.isBefore(current.month)) {
            tooLate++;
            return null;
        }
        previous = current;
        current = new Month(month);
        return current;
    }

    /** One month's running sums, exact; amounts kept ×60 so per-second call prices stay exact (see CallRating). */
    private final class Month {
        final YearMonth month;
        final long startMillis;
        final long endMillis;
        long messages;
        long segments;
        long moMessages;
        long moSegments;
        long calls;
        long billedSeconds;
        long routed;
        long costUnknown;
        BigDecimal amountTimes60 = BigDecimal.ZERO;
        /** Cost ×60 by currency: one entry for most, a few when carriers bill in several currencies. */
        final Map<Currency, BigDecimal> costTimes60 = new LinkedHashMap<>(4);

        Month(YearMonth month) {
            this.month = month;
            this.startMillis = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            this.endMillis = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
        }

        boolean contains(long epochMillis) {
            return epochMillis >= startMillis && epochMillis < endMillis;
        }

        void cost(BigDecimal cost, Currency currency, BigDecimal toTimes60) {
            if (cost == null) {
                costUnknown++;
                return;
            }
            costTimes60.merge(currency, cost.multiply(toTimes60), BigDecimal::add);
        }

        UsageTotals totals() {
            Currency currency = rater.currency(tenantId);
            BigDecimal amount = currency == null ? null : CallRating.present(amountTimes60, currency);
            Map<Currency, BigDecimal> costs = new LinkedHashMap<>();
            costTimes60.forEach((c, v) -> costs.put(c, CallRating.present(v, c)));
            boolean oneCurrency = costTimes60.isEmpty() || costTimes60.size() == 1 && costTimes60.containsKey(currency);
            BigDecimal margin = null;
            if (currency != null && costUnknown == 0 && oneCurrency) {
                margin = CallRating.present(amountTimes60.subtract(costTimes60.getOrDefault(currency,
                        BigDecimal.ZERO)), currency);
            }
            return new UsageTotals(tenantId, month, messages, segments, moMessages, moSegments, calls, billedSeconds,
                    rater.tierReached(tenantId, segments), amount, currency, costs, costUnknown, margin, routed);
        }
    }

    @Override
    public String toString() {
        return "MonthlyUsage[" + tenantId + ", " + (current == null ? "-" : current.month) + "]";
    }
}
