package io.edgegw.simulator.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared by every session: hands out message numbers (the run's budget) and paces them to the target rate.
 * Pacing follows a schedule (rate x elapsed, plus a small burst) rather than sleeping: sessions ask on
 * each event-loop tick and take what the schedule allows. Catch-up bursts are bounded by the windows.
 */
final class SubmitPacer {
    private final long messages;
    private final int ratePerSecond;
    private final long burst;
    private final long durationSeconds;
    private volatile long stopIssuingAtNanos;
    private volatile long startNanos;
    private final AtomicLong issued = new AtomicLong();
    private final AtomicLong paced = new AtomicLong();

    SubmitPacer(long messages, int ratePerSecond, long durationSeconds) {
        this.messages = messages;
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, ratePerSecond / 100);
        this.durationSeconds = durationSeconds;
    }

    /** Starts the clock; sessions ask for permits only after this. */
    void start(long nowNanos) {
        stopIssuingAtNanos = durationSeconds > 0 ? nowNanos + durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
        startNanos = nowNanos;
    }

    /** One permit to put a submit_sm (new or resubmitted) on the wire now. */
    boolean tryPace(long nowNanos) {
        if (ratePerSecond == 0) {
            return true;
        }
        long allowed = (long) ((nowNanos - startNanos) / 1e9 * ratePerSecond) + burst;
        while (true) {
            long used = paced.get();
            if (used >= allowed) {
                return false;
            }
            if (paced.compareAndSet(used, used + 1)) {
                return true;
            }
        }
    }

    /** The next message number, or -1 when the budget or the duration is spent. */
    long nextMessage(long nowNanos) {
        if (nowNanos - stopIssuingAtNanos >= 0) {
            return -1;
        }
        long n = issued.getAndIncrement();
        if (n >= messages) {
            issued.decrementAndGet();
            return -1;
        }
        return n;
    }

    /** Gives back a pacing permit that was not used (no message left to send). */
    void unpace() {
        if (ratePerSecond != 0) {
            paced.decrementAndGet();
        }
    }

    long issued() {
        return issued.get();
    }

    boolean exhausted(long nowNanos) {
        return issued.get() >= messages || nowNanos - stopIssuingAtNanos >= 0;
    }
}
