package io.edgegw.sip.proxy;

import io.edgegw.core.config.QualityConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How a trunk does with calls, from the last attempts sent to it: the share it handled (any final answer but
 * 408/5xx; a trunk that sends nothing in time failed), the answer-seizure ratio and the post-dial delay. From the
 * first a state, in the words of Kamailio's dispatcher and of the SMS carriers' quality ({@code quality.*}):
 * ACTIVE takes calls in route order; below {@code minSuccessRatio} (once {@code minSamples} attempts are known) it is
 * INACTIVE and takes calls only when every other candidate is out too; after {@code restSeconds} it is PROBING, takes
 * calls again and is judged on a fresh window: back to ACTIVE at {@code recoveredRatio} over {@code minSamples},
 * back to INACTIVE once its failures could no longer keep it above the floor. Lock-free: the window and the state are
 * atomics, written from JAIN-SIP's and the timer's threads.
 */
final class TrunkQuality {
    enum State { ACTIVE, PROBING, INACTIVE }

    private static final Logger LOG = LoggerFactory.getLogger(TrunkQuality.class);
    private static final int MAX_WINDOW = 1000;
    private static final double PDD_ALPHA = 0.1;

    private final String carrierId;
    private final QualityConfig config;
    private final long restNanos;
    /** Failures a probing trunk may have in its first minSamples attempts and still reach the floor. */
    private final int probingFailureBudget;
    private final OutcomeWindow handled;
    private final OutcomeWindow answered;
    private final AtomicReference<State> state = new AtomicReference<>(State.ACTIVE);
    private volatile long since = System.nanoTime();
    /** Post-dial delay, moving average in milliseconds (as double bits); -1 until the first. */
    private final AtomicLong pddMillisBits = new AtomicLong(Double.doubleToLongBits(-1));

    TrunkQuality(String carrierId, QualityConfig config) {
        this.carrierId = carrierId;
        this.config = config;
        this.restNanos = config.restSeconds() * 1_000_000_000L;
        this.probingFailureBudget = (int) Math.floor((1 - config.minSuccessRatio()) * config.minSamples());
        int size = Math.min(MAX_WINDOW, Math.max(50, config.minSamples()));
        this.handled = new OutcomeWindow(size);
        this.answered = new OutcomeWindow(size);
    }

    State state() {
        return state.get();
    }

    /** True while INACTIVE and still resting: what an operator sees, without changing anything. */
    boolean resting(long now) {
        return state.get() == State.INACTIVE && now - since < restNanos;
    }

    /** Whether the trunk takes calls in route order now (a rested INACTIVE one becomes PROBING here). */
    boolean active(long now) {
        State s = state.get();
        if (s == State.INACTIVE && now - since >= restNanos && state.compareAndSet(State.INACTIVE, State.PROBING)) {
            since = now;
            handled.clear();
            LOG.warn("SIP trunk of carrier {}: INACTIVE -> PROBING (rested {} s; takes calls again and is judged on"
                    + " them)", carrierId, config.restSeconds());
            return true;
        }
        return s != State.INACTIVE;
    }

    /**
     * One attempt's end. {@code trunkOk}: the trunk handled it (any final answer but 408/5xx); {@code answered}: the
     * callee answered (null when the attempt says nothing about answering, e.g. no final answer came).
     */
    void attempt(boolean trunkOk, Boolean wasAnswered) {
        handled.add(trunkOk);
        if (wasAnswered != null) {
            answered.add(wasAnswered);
        }
        int n = handled.samples();
        double ratio = handled.ratio(1.0);
        State s = state.get();
        if (s == State.ACTIVE && n >= config.minSamples() && ratio < config.minSuccessRatio()) {
            to(State.ACTIVE, State.INACTIVE, String.format("%.0f%% of its last %d attempts handled, below the %.0f%%"
                    + " floor (quality.minSuccessRatio)", ratio * 100, n, config.minSuccessRatio() * 100));
        } else if (s == State.PROBING) {
            if (handled.no() > probingFailureBudget) {
                to(State.PROBING, State.INACTIVE, handled.no() + " of " + n + " attempts failed while probing");
            } else if (n >= config.minSamples() && ratio >= config.recoveredRatio()) {
                to(State.PROBING, State.ACTIVE, String.format("recovered, %.0f%% of %d attempts handled",
                        ratio * 100, n));
            }
        }
    }

    /** INVITE sent to the first 180/183, or to the final answer if none came before it. */
    void postDialDelay(long nanos) {
        double ms = nanos / 1e6;
        while (true) {
            long bits = pddMillisBits.get();
            double old = Double.longBitsToDouble(bits);
            double next = old < 0 ? ms : old + PDD_ALPHA * (ms - old);
            if (pddMillisBits.compareAndSet(bits, Double.doubleToLongBits(next))) {
                return;
            }
        }
    }

    /** Moving average of the post-dial delay in ms; -1 before the first. */
    double postDialDelayMillis() {
        return Double.longBitsToDouble(pddMillisBits.get());
    }

    /** Share of the recent attempts the trunk handled; 1 before any. */
    double successRatio() {
        return handled.ratio(1.0);
    }

    /** Answer-seizure ratio of the recent attempts that ended; NaN before any. */
    double answerSeizureRatio() {
        return answered.ratio(Double.NaN);
    }

    int samples() {
        return handled.samples();
    }

    private void to(State from, State next, String why) {
        if (state.compareAndSet(from, next)) {
            since = System.nanoTime();
            LOG.warn("SIP trunk of carrier {}: {} -> {} ({})", carrierId, from, next, why);
        }
    }
}
