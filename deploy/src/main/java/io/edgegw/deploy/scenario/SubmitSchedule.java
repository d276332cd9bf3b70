package io.edgegw.deploy.scenario;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands out message numbers 0..messages-1 to the tenant's binds at a target rate (0 = as fast as the windows
 * allow). {@link #restart} begins a new schedule from what was issued so far, so the time the gateway was down
 * does not come back as a burst.
 */
final class SubmitSchedule {
    private final int messages;
    private final int rate;
    private final long burst;
    private final AtomicInteger issued = new AtomicInteger();
    /** Messages handed out before and to be sent again (answered "try later"); they go first. */
    private final ConcurrentLinkedQueue<Integer> again = new ConcurrentLinkedQueue<>();
    private volatile long startNanos;
    private volatile int issuedAtStart;

    SubmitSchedule(int messages, int rate) {
        this.messages = messages;
        this.rate = rate;
        this.burst = Math.max(1, rate / 100);
    }

    void restart(long nowNanos) {
        issuedAtStart = issued.get();
        startNanos = nowNanos;
    }

    /** Message {@code n} is to be sent again: {@link #next} hands it out before any new one. */
    void again(int n) {
        again.add(n);
    }

    /** The next message to send now, or -1 (none due yet, or all issued). */
    int next(long nowNanos) {
        Integer retry = again.poll();
        if (retry != null) {
            return retry;
        }
        while (true) {
            int n = issued.get();
            if (n >= messages) {
                return -1;
            }
            if (rate > 0 && n >= issuedAtStart + (nowNanos - startNanos) * rate / 1_000_000_000L + burst) {
                return -1;
            }
            if (issued.compareAndSet(n, n + 1)) {
                return n;
            }
        }
    }

    int issued() {
        return issued.get();
    }

    boolean exhausted() {
        return issued.get() >= messages && again.isEmpty();
    }
}
