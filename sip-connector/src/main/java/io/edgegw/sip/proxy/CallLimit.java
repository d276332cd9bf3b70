package io.edgegw.sip.proxy;

import io.edgegw.core.tenant.SubmitRate;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * How many calls a tenant or a trunk may have at once, and how many new ones a second (the core's GCRA, with a
 * burst of one second's worth). Lock-free: one compare-and-set for each.
 */
final class CallLimit {
    private final int maxActive;
    private final SubmitRate rate;
    private final AtomicInteger active = new AtomicInteger();

    /** @param perSecond 0 = no rate limit; @param maxActive 0 = no limit on calls at once */
    CallLimit(int perSecond, int maxActive) {
        this.maxActive = maxActive;
        this.rate = perSecond > 0 ? new SubmitRate(perSecond, perSecond, System.nanoTime()) : null;
    }

    /** A place for one more call, or null when {@code maxActive} calls are up. */
    Lease takePlace() {
        while (true) {
            int n = active.get();
            if (maxActive > 0 && n >= maxActive) {
                return null;
            }
            if (active.compareAndSet(n, n + 1)) {
                return new Lease(active);
            }
        }
    }

    /** One new call within the rate; false when it would go over. */
    boolean takeRate(long nowNanos) {
        return rate == null || rate.tryAcquire(nowNanos);
    }

    /** Calls holding a place now. */
    int active() {
        return active.get();
    }
}
