package io.edgegw.core.usage;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Currency;
import java.util.HashMap;
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
    private static final long DAY_MILLIS = 86_400_000L;
    private Month current;
    private Month previous;
    private UsageDays published = UsageDays.EMPTY;
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
        SmsRating r = rater.sms(tenantId, direction, segments, destination, carrierId, m.all.segments);
        for (Tally t : m.tallies(epochMillis)) {
            if (direction == Direction.MT) {
                t.messages++;
                t.segments += segments;
            } else {
                t.moMessages++;
                t.moSegments += segments;
            }
            if (r != null) {
                t.amountTimes60 = t.amountTimes60.add(r.amount().multiply(CallRating.SIXTY));
                if (carrierId != null) {
                    t.cost(r.cost(), r.costCurrency(), CallRating.SIXTY);
                }
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
        Rater.Cost c = segments <= 0 && destination.isEmpty() ? null
                : rater.smsCost(carrierId, Direction.MT, segments, destination);
        for (Tally t : m.tallies(epochMillis)) {
            t.routed++;
            t.cost(c == null ? null : c.amount(), c == null ? null : c.currency(), CallRating.SIXTY);
        }
        return c;
    }

    /** Rates and counts an answered call of {@code seconds} at {@code epochMillis}; null as for {@link #sms}. */
    public CallRating call(long epochMillis, long seconds, CharSequence destination, String carrierId) {
        Month m = monthOf(epochMillis);
        if (m == null) {
            return null;
        }
        CallRating r = rater.call(tenantId, seconds, destination, carrierId);
        for (Tally t : m.tallies(epochMillis)) {
            t.calls++;
            if (r != null) {
                t.billedSeconds += r.billedSeconds();
                t.amountTimes60 = t.amountTimes60.add(r.amountTimes60());
                t.cost(r.costTimes60(), r.costCurrency(), BigDecimal.ONE);
            }
        }
        return r;
    }

    /** The current month's totals, or null before the first event. */
    public UsageTotals totals() {
        return current == null ? null : current.totals();
    }

    /** The totals of {@code month} when it is the current or the closed month, else null. */
    public UsageTotals totals(YearMonth month) {
        Month m = month(month);
        return m == null ? null : m.totals();
    }

    /**
     * Each day's totals (UTC) of the current and the closed month, immutable, for any thread to sum ({@link
     * UsageDays#totals}); days with no event are absent. Rebuilds only the days counted in since the last call.
     */
    public UsageDays days() {
        Map<LocalDate, UsageDays.Day> changed = new HashMap<>();
        for (Month m : new Month[] {previous, current}) {
            if (m == null) {
                continue;
            }
            for (int d = 0; d < m.days.length; d++) {
                if (m.dirty[d]) {
                    m.dirty[d] = false;
                    changed.put(m.month.atDay(d + 1), m.days[d].day());
                }
            }
        }
        YearMonth oldest = previous != null ? previous.month : current != null ? current.month : null;
        published = published.with(changed, oldest);
        return published;
    }

    private Month month(YearMonth month) {
        return current != null && current.month.equals(month) ? current
                : previous != null && previous.month.equals(month) ? previous : null;
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

    /** One month's running sums, in all and per UTC day. */
    private final class Month {
        final YearMonth month;
        final long startMillis;
        final long endMillis;
        final Tally all = new Tally();
        /** Per day of the month, created at its first event. */
        final Tally[] days;
        /** Days counted in since {@link #days()} last published them. */
        final boolean[] dirty;
        /** Two tallies per event: the month's and its day's. */
        private final Tally[] both = new Tally[2];

        Month(YearMonth month) {
            this.month = month;
            this.startMillis = month.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            this.endMillis = month.plusMonths(1).atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC).toEpochMilli();
            this.days = new Tally[month.lengthOfMonth()];
            this.dirty = new boolean[days.length];
        }

        boolean contains(long epochMillis) {
            return epochMillis >= startMillis && epochMillis < endMillis;
        }

        /** The month's tally and that of the day {@code epochMillis} falls on (which this month contains). */
        Tally[] tallies(long epochMillis) {
            int d = (int) ((epochMillis - startMillis) / DAY_MILLIS);
            if (days[d] == null) {
                days[d] = new Tally();
            }
            dirty[d] = true;
            both[0] = all;
            both[1] = days[d];
            return both;
        }

        UsageTotals totals() {
            return all.totals(month.atDay(1), month.atEndOfMonth());
        }
    }

    /** Sums of events, exact; amounts kept ×60 so per-second call prices stay exact (see CallRating). */
    private final class Tally {
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

        void cost(BigDecimal cost, Currency currency, BigDecimal toTimes60) {
            if (cost == null) {
                costUnknown++;
                return;
            }
            costTimes60.merge(currency, cost.multiply(toTimes60), BigDecimal::add);
        }

        UsageDays.Day day() {
            return new UsageDays.Day(messages, segments, moMessages, moSegments, calls, billedSeconds, routed,
                    costUnknown, amountTimes60, costTimes60);
        }

        UsageTotals totals(LocalDate from, LocalDate to) {
            return UsageDays.totals(tenantId, rater, from, to, day(), segments);
        }
    }

    @Override
    public String toString() {
        return "MonthlyUsage[" + tenantId + ", " + (current == null ? "-" : current.month) + "]";
    }
}
