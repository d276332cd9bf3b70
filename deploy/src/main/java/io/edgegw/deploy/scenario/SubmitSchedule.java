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
    /** How long a message answered "try later" waits before it is sent again, as an ESME backs off. */
    private static final long AGAIN_AFTER_NANOS = 100_000_000L;
    /** Messages handed out before and to be sent again (answered "try later"), in the order they are due. */
    private final ConcurrentLinkedQueue<Again> again = new ConcurrentLinkedQueue<>();

    private record Again(int message, long dueNanos) {
    }
    private volatile long startNanos;
    private volatile int issuedAtStart;
    private volatile boolean stopped;

    SubmitSchedule(int messages, int rate) {
        this.messages = messages;
        this.rate = rate;
        this.burst = Math.max(1, rate / 100);
    }

    void restart(long nowNanos) {
        issuedAtStart = issued.get();
        startNanos = nowNanos;
    }

    /** Message {@code n} is to be sent again in a moment: {@link #next} then hands it out before any new one. */
    void again(int n) {
        again.add(new Again(n, System.nanoTime() + AGAIN_AFTER_NANOS));
    }

    /** Issues no new message (one to be sent again still is); what was issued stays issued. */
    void stop() {
        stopped = true;
    }

    /** The next message to send now, or -1 (none due yet, all issued, or stopped). */
    int next(long nowNanos) {
        Again due = again.peek();
        if (due != null && nowNanos - due.dueNanos() >= 0 && again.remove(due)) {
            return due.message();
        }
        while (true) {
            int n = issued.get();
            if (n >= messages || stopped) {
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
        return (issued.get() >= messages && again.isEmpty()) || stopped;
    }
}
