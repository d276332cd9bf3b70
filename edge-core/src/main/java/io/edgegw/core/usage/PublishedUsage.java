package io.edgegw.core.usage;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Each tenant's usage as the usage reader last published it, immutable, for any thread without a lock: the month of
 * its last event, the month before, and each day of the two. The reader replaces them after each pass.
 */
final class PublishedUsage {
    private final AtomicReferenceArray<UsageTotals> current;
    /** The month before {@link #current}'s (null when it had no event), published with it. */
    private final AtomicReferenceArray<UsageTotals> closed;
    private final AtomicReferenceArray<UsageDays> days;
    private final Rater rater;

    PublishedUsage(int tenants, Rater rater) {
        current = new AtomicReferenceArray<>(tenants);
        closed = new AtomicReferenceArray<>(tenants);
        days = new AtomicReferenceArray<>(tenants);
        for (int i = 0; i < tenants; i++) {
            days.set(i, UsageDays.EMPTY);
        }
        this.rater = rater;
    }

    /** Publishes tenant {@code i}'s totals (reader thread): the closed month first, so no month seems to vanish. */
    void publish(int i, MonthlyUsage usage) {
        UsageTotals t = usage.totals();
        if (t != null) {
            closed.set(i, usage.totals(t.month().minusMonths(1)));
        }
        current.set(i, t);
        days.set(i, usage.days());
    }

    UsageTotals current(int i) {
        return current.get(i);
    }

    /** The totals of {@code month} if it is the current or the closed one, else null. */
    UsageTotals month(int i, YearMonth month) {
        UsageTotals c = closed.get(i);
        UsageTotals t = current.get(i);
        return t != null && t.month().equals(month) ? t : c != null && c.month().equals(month) ? c : null;
    }

    /** The sum of the days {@code from} to {@code to} inclusive. */
    UsageTotals days(int i, String tenantId, LocalDate from, LocalDate to) {
        return days.get(i).totals(tenantId, rater, from, to);
    }
}
