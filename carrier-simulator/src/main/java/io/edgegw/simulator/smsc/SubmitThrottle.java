package io.edgegw.simulator.smsc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A carrier-style throughput cap: at most {@code perSecond} submits in each one-second window, the rest
 * refused with ESME_RTHROTTLED. One packed atomic (second, count) so every event loop shares it without locks.
 * The cap is passed on each call so it can change while the SMSC runs (a fault); the count carries over.
 */
final class SubmitThrottle {
    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final AtomicLong secondAndCount = new AtomicLong();

    /** True when this submit fits in the current second; {@code maxPerSecond} 0 is unlimited. */
    boolean tryAcquire(long nanoTime, int maxPerSecond) {
        if (maxPerSecond == 0) {
            return true;
        }
        long perSecond = Math.min(maxPerSecond, COUNT_MASK);
        long second = nanoTime / 1_000_000_000L;
        while (true) {
            long current = secondAndCount.get();
            long currentSecond = current >>> COUNT_BITS;
            long count = current & COUNT_MASK;
            long next;
            if (currentSecond != (second & (Long.MAX_VALUE >>> COUNT_BITS))) {
                next = ((second & (Long.MAX_VALUE >>> COUNT_BITS)) << COUNT_BITS) | 1;
            } else if (count < perSecond) {
                next = current + 1;
            } else {
                return false;
            }
            if (secondAndCount.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
