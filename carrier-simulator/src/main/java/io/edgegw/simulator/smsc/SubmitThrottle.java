package io.edgegw.simulator.smsc;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A carrier-style throughput cap: at most {@code perSecond} submits in each one-second window, the rest
 * refused with ESME_RTHROTTLED. One packed atomic (second, count) so every event loop shares it without locks.
 */
final class SubmitThrottle {
    private static final int COUNT_BITS = 24;
    private static final long COUNT_MASK = (1L << COUNT_BITS) - 1;

    private final int perSecond;
    private final AtomicLong secondAndCount = new AtomicLong();

    SubmitThrottle(int perSecond) {
        this.perSecond = Math.min(perSecond, (int) COUNT_MASK);
    }

    /** True when this submit fits in the current second. */
    boolean tryAcquire(long nanoTime) {
        if (perSecond == 0) {
            return true;
        }
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
