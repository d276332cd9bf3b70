package io.edgegw.core.tenant;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A tenant's token bucket, kept as one "theoretical arrival time" (GCRA): a submit is allowed when taking it would
 * not push that time more than {@code burst} intervals past now. One compare-and-set per submit, no lock, no
 * timer; shared by all the tenant's sessions on all event loops.
 */
public final class SubmitRate {
    private final long intervalNanos;
    private final long toleranceNanos;
    private final AtomicLong tat;

    /** @param perSecond sustained rate, at least 1; @param burst submits allowed at once, at least 1 */
    public SubmitRate(int perSecond, int burst, long nowNanos) {
        this.intervalNanos = Math.max(1, 1_000_000_000L / perSecond);
        this.toleranceNanos = intervalNanos * Math.max(1, burst);
        this.tat = new AtomicLong(nowNanos);
    }

    /** Whether {@link #tryAcquire} would succeed now, without taking anything. */
    public boolean available(long nowNanos) {
        long t = tat.get();
        return (t - nowNanos > 0 ? t : nowNanos) + intervalNanos - nowNanos <= toleranceNanos;
    }

    /** Takes one token if there is one. */
    public boolean tryAcquire(long nowNanos) {
        while (true) {
            long t = tat.get();
            long next = (t - nowNanos > 0 ? t : nowNanos) + intervalNanos;
            if (next - nowNanos > toleranceNanos) {
                return false;
            }
            if (tat.compareAndSet(t, next)) {
                return true;
            }
        }
    }
}
