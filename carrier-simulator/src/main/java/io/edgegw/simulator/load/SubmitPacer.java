package io.edgegw.simulator.load;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Shared by every session: hands out message numbers (the run's budget, in submits) and paces each submit to the
 * target rate.
 * Pacing follows a schedule (permit n is due at start + n / rate, a millisecond's worth early at most) rather than
 * sleeping: sessions ask on each event-loop tick and take what the schedule allows. A session that could not ask for
 * a while (a pause of this JVM, a busy core) finds permits owed; they are released at most {@link #CATCH_UP} times
 * the rate, never all at once, so the generator does not make a burst that queues behind itself and is then timed as
 * the gateway's latency. In any window of w nanoseconds at most {@code burst + CATCH_UP x rate x w / 1e9} permits go.
 */
final class SubmitPacer {
    /** How much faster than the rate owed permits are repaid after a stall. */
    static final double CATCH_UP = 2;

    private final long messages;
    private final MessagePlan plan;
    private final int ratePerSecond;
    private final long burst;
    private final long durationSeconds;
    /** Nanoseconds between two permits on the schedule, and at the catch-up rate. */
    private final double interval;
    private final double catchUpInterval;
    private volatile long stopIssuingAtNanos;
    private volatile long startNanos;
    /** No permit before {@link #start}: a session bound early asks as soon as its bind is answered. */
    private volatile boolean started;
    private final AtomicLong issued = new AtomicLong();
    /** Permits taken from the schedule. */
    private final AtomicLong paced = new AtomicLong();
    /** When the catch-up limit's next permit is due, nanoseconds from the start (a virtual clock, as in GCRA). */
    private final AtomicLong catchUpDue = new AtomicLong();

    SubmitPacer(long messages, int ratePerSecond, long durationSeconds) {
        this(new MessagePlan(TextMix.DEFAULT, messages), ratePerSecond, durationSeconds);
    }

    /** {@code plan}'s submits are the budget; a message's parts are issued together, so it is never cut off. */
    SubmitPacer(MessagePlan plan, int ratePerSecond, long durationSeconds) {
        this.plan = plan;
        this.messages = plan.submits();
        this.ratePerSecond = ratePerSecond;
        this.burst = Math.max(1, ratePerSecond / 1000);
        this.durationSeconds = durationSeconds;
        this.interval = ratePerSecond > 0 ? 1e9 / ratePerSecond : 0;
        this.catchUpInterval = interval / CATCH_UP;
    }

    /** Permits that may go at one instant: a millisecond's worth of the rate, at least one. */
    long burst() {
        return burst;
    }

    /** Starts the clock; sessions ask for permits only after this. */
    void start(long nowNanos) {
        stopIssuingAtNanos = durationSeconds > 0 ? nowNanos + durationSeconds * 1_000_000_000L : Long.MAX_VALUE;
        startNanos = nowNanos;
        started = true;
    }

    /** One permit to put a submit_sm (new or resubmitted) on the wire now. */
    boolean tryPace(long nowNanos) {
        if (ratePerSecond == 0) {
            return true;
        }
        if (!started) {
            return false;
        }
        long elapsed = nowNanos - startNanos;
        long allowed = (long) (elapsed / interval) + burst;
        while (true) {
            long used = paced.get();
            if (used >= allowed) {
                return false;
            }
            if (paced.compareAndSet(used, used + 1)) {
                break;
            }
        }
        if (takeCatchUp(elapsed)) {
            return true;
        }
        paced.decrementAndGet();
        return false;
    }

    /** The catch-up limit: a permit is due every catchUpInterval, burst of them at most ahead of the clock. */
    private boolean takeCatchUp(long elapsed) {
        long step = (long) catchUpInterval;
        long tolerance = (long) (catchUpInterval * (burst - 1));
        while (true) {
            long due = catchUpDue.get();
            long from = Math.max(due, elapsed); // time not asked for is not saved up as credit
            if (from - elapsed > tolerance) {
                return false;
            }
            if (catchUpDue.compareAndSet(due, from + step)) {
                return true;
            }
        }
    }

    /**
     * The next message number, or -1 when the budget or the duration is spent. All its parts ({@link
     * MessagePlan#parts}) count as issued at once: the run waits for them even if the duration ends between two.
     */
    long nextMessage(long nowNanos) {
        if (nowNanos - stopIssuingAtNanos >= 0) {
            return -1;
        }
        long m = plan.claim();
        if (m < 0) {
            return -1;
        }
        issued.addAndGet(plan.parts(m));
        return m;
    }

    MessagePlan plan() {
        return plan;
    }

    /** Gives back a pacing permit that was not used (no message left to send). */
    void unpace() {
        if (ratePerSecond != 0) {
            paced.decrementAndGet();
            catchUpDue.addAndGet(-(long) catchUpInterval);
        }
    }

    long issued() {
        return issued.get();
    }

    boolean exhausted(long nowNanos) {
        return issued.get() >= messages || nowNanos - stopIssuingAtNanos >= 0;
    }
}
